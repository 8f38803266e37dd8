-- Reportes (issue 21): who emitted each document, and the per-day aggregates the reports read
-- so a month or a year answers from a few thousand rows instead of a million documents
-- (docs/architecture.md §12), kept by triggers the way 0003 and 0005 keep theirs. `vale` is 0 for the
-- documents that do not count in the totals (FAILED_PERMANENT, CANCELLED), as in 0005.
-- The tax summary (formulario 104) counts only authorized documents (AUTHORIZED; VOIDED_BY_NC,
-- whose credit note subtracts it; CANCELLATION_REQUESTED, valid until the SRI cancels it):
-- `document_day_tax_autorizado` splits the taxes by that flag, `document_day_user` keeps the
-- money per status.
-- The tables are WITHOUT ROWID: a report reads a range of their primary key, and the rows
-- stored in key order make that one sequential read instead of a lookup per row.
-- Hours are Guayaquil's: created_at is UTC and Ecuador's mainland has no daylight saving
-- (UTC−5 all year), so the local hour is (UTC hour + 19) mod 24.
ALTER TABLE `document` ADD `user_id` text;
--> statement-breakpoint
UPDATE `document` SET user_id = (SELECT s.user_id FROM `sale` s WHERE s.id = `document`.sale_id)
WHERE sale_id IS NOT NULL;
--> statement-breakpoint
UPDATE `document` SET user_id = (
	SELECT json_extract(a.detail, '$.cajeroId') FROM `audit_log` a
	WHERE a.action = 'nota_credito.emitida' AND json_extract(a.detail, '$.notaId') = `document`.id
	ORDER BY a.id LIMIT 1)
WHERE cod_doc = '04';
--> statement-breakpoint
CREATE TRIGGER `document_user_immutable` BEFORE UPDATE OF user_id ON `document`
WHEN NEW.user_id IS NOT OLD.user_id BEGIN
	SELECT RAISE(ABORT, 'Quién emitió un comprobante no se puede modificar');
END;
--> statement-breakpoint
CREATE TABLE `document_day_hour` (
	`fecha_emision` text NOT NULL,
	`emission_point_id` text NOT NULL,
	`cod_doc` text NOT NULL,
	`vale` integer NOT NULL,
	`hora` integer NOT NULL,
	`n` integer NOT NULL,
	`total_cents` integer NOT NULL,
	PRIMARY KEY (`fecha_emision`, `emission_point_id`, `cod_doc`, `vale`, `hora`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `document_day_user` (
	`fecha_emision` text NOT NULL,
	`emission_point_id` text NOT NULL,
	`user_id` text NOT NULL,
	`cod_doc` text NOT NULL,
	`status` text NOT NULL,
	`n` integer NOT NULL,
	`subtotal_cents` integer NOT NULL,
	`iva_cents` integer NOT NULL,
	`total_cents` integer NOT NULL,
	PRIMARY KEY (`fecha_emision`, `emission_point_id`, `user_id`, `cod_doc`, `status`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `document_day_tax_autorizado` (
	`fecha_emision` text NOT NULL,
	`emission_point_id` text NOT NULL,
	`cod_doc` text NOT NULL,
	`autorizado` integer NOT NULL,
	`codigo` text NOT NULL,
	`codigo_porcentaje` text NOT NULL,
	`tarifa_bp` integer NOT NULL,
	`base_cents` integer NOT NULL,
	`valor_cents` integer NOT NULL,
	PRIMARY KEY (`fecha_emision`, `emission_point_id`, `cod_doc`, `autorizado`, `codigo`, `codigo_porcentaje`, `tarifa_bp`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `document_day_product` (
	`fecha_emision` text NOT NULL,
	`emission_point_id` text NOT NULL,
	`cod_doc` text NOT NULL,
	`vale` integer NOT NULL,
	`codigo` text NOT NULL,
	`descripcion` text NOT NULL,
	`cantidad_micro` integer NOT NULL,
	`subtotal_cents` integer NOT NULL,
	`lineas` integer NOT NULL,
	PRIMARY KEY (`fecha_emision`, `emission_point_id`, `cod_doc`, `vale`, `codigo`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `document_month_product` (
	`mes` text NOT NULL,
	`emission_point_id` text NOT NULL,
	`cod_doc` text NOT NULL,
	`vale` integer NOT NULL,
	`codigo` text NOT NULL,
	`descripcion` text NOT NULL,
	`cantidad_micro` integer NOT NULL,
	`subtotal_cents` integer NOT NULL,
	`lineas` integer NOT NULL,
	PRIMARY KEY (`mes`, `emission_point_id`, `cod_doc`, `vale`, `codigo`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `document_day_motivo` (
	`fecha_emision` text NOT NULL,
	`emission_point_id` text NOT NULL,
	`vale` integer NOT NULL,
	`motivo` text NOT NULL,
	`n` integer NOT NULL,
	`total_cents` integer NOT NULL,
	PRIMARY KEY (`fecha_emision`, `emission_point_id`, `vale`, `motivo`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `document_day_hour`
SELECT fecha_emision, emission_point_id, cod_doc, status NOT IN ('FAILED_PERMANENT', 'CANCELLED'),
	(CAST(substr(created_at, 12, 2) AS INTEGER) + 19) % 24, COUNT(*), SUM(total_cents)
FROM `document` GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `document_day_user`
SELECT fecha_emision, emission_point_id, COALESCE(user_id, ''), cod_doc, status, COUNT(*),
	SUM(subtotal_cents), SUM(iva_cents), SUM(total_cents)
FROM `document` GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `document_day_tax_autorizado`
SELECT d.fecha_emision, d.emission_point_id, d.cod_doc,
	d.status IN ('AUTHORIZED', 'VOIDED_BY_NC', 'CANCELLATION_REQUESTED'),
	t.codigo, t.codigo_porcentaje, t.tarifa_bp, SUM(t.base_cents), SUM(t.valor_cents)
FROM `document` d JOIN `document_tax` t ON t.document_id = d.id GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO `document_day_product`
SELECT d.fecha_emision, d.emission_point_id, d.cod_doc, d.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'),
	l.codigo_principal, MAX(l.descripcion), SUM(l.cantidad_micro), SUM(l.subtotal_cents), COUNT(*)
FROM `document` d JOIN `document_line` l ON l.document_id = d.id GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `document_month_product`
SELECT substr(fecha_emision, 1, 7), emission_point_id, cod_doc, vale, codigo, MAX(descripcion),
	SUM(cantidad_micro), SUM(subtotal_cents), SUM(lineas)
FROM `document_day_product` GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `document_day_motivo`
SELECT fecha_emision, emission_point_id, status NOT IN ('FAILED_PERMANENT', 'CANCELLED'),
	COALESCE(motivo, ''), COUNT(*), SUM(total_cents)
FROM `document` WHERE cod_doc = '04' GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
CREATE TRIGGER `document_reportes_after_insert` AFTER INSERT ON `document` BEGIN
	INSERT INTO `document_day_hour` VALUES (NEW.fecha_emision, NEW.emission_point_id, NEW.cod_doc,
		NEW.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'),
		(CAST(substr(NEW.created_at, 12, 2) AS INTEGER) + 19) % 24, 1, NEW.total_cents)
	ON CONFLICT DO UPDATE SET n = n + 1, total_cents = total_cents + excluded.total_cents;
	INSERT INTO `document_day_user` VALUES (NEW.fecha_emision, NEW.emission_point_id,
		COALESCE(NEW.user_id, ''), NEW.cod_doc, NEW.status, 1, NEW.subtotal_cents, NEW.iva_cents,
		NEW.total_cents)
	ON CONFLICT DO UPDATE SET n = n + 1, subtotal_cents = subtotal_cents + excluded.subtotal_cents,
		iva_cents = iva_cents + excluded.iva_cents, total_cents = total_cents + excluded.total_cents;
	INSERT INTO `document_day_motivo`
	SELECT NEW.fecha_emision, NEW.emission_point_id, NEW.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'),
		COALESCE(NEW.motivo, ''), 1, NEW.total_cents
	WHERE NEW.cod_doc = '04'
	ON CONFLICT DO UPDATE SET n = n + 1, total_cents = total_cents + excluded.total_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `document_line_reportes_after_insert` AFTER INSERT ON `document_line` BEGIN
	INSERT INTO `document_day_product`
	SELECT d.fecha_emision, d.emission_point_id, d.cod_doc, d.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'),
		NEW.codigo_principal, NEW.descripcion, NEW.cantidad_micro, NEW.subtotal_cents, 1
	FROM `document` d WHERE d.id = NEW.document_id
	ON CONFLICT DO UPDATE SET descripcion = excluded.descripcion,
		cantidad_micro = cantidad_micro + excluded.cantidad_micro,
		subtotal_cents = subtotal_cents + excluded.subtotal_cents, lineas = lineas + 1;
	INSERT INTO `document_month_product`
	SELECT substr(d.fecha_emision, 1, 7), d.emission_point_id, d.cod_doc,
		d.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'),
		NEW.codigo_principal, NEW.descripcion, NEW.cantidad_micro, NEW.subtotal_cents, 1
	FROM `document` d WHERE d.id = NEW.document_id
	ON CONFLICT DO UPDATE SET descripcion = excluded.descripcion,
		cantidad_micro = cantidad_micro + excluded.cantidad_micro,
		subtotal_cents = subtotal_cents + excluded.subtotal_cents, lineas = lineas + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `document_day_user_after_status` AFTER UPDATE OF status ON `document`
WHEN NEW.status IS NOT OLD.status BEGIN
	INSERT INTO `document_day_user` VALUES
		(NEW.fecha_emision, NEW.emission_point_id, COALESCE(NEW.user_id, ''), NEW.cod_doc, OLD.status,
			-1, -NEW.subtotal_cents, -NEW.iva_cents, -NEW.total_cents),
		(NEW.fecha_emision, NEW.emission_point_id, COALESCE(NEW.user_id, ''), NEW.cod_doc, NEW.status,
			1, NEW.subtotal_cents, NEW.iva_cents, NEW.total_cents)
	ON CONFLICT DO UPDATE SET n = n + excluded.n, subtotal_cents = subtotal_cents + excluded.subtotal_cents,
		iva_cents = iva_cents + excluded.iva_cents, total_cents = total_cents + excluded.total_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `document_tax_autorizado_after_insert` AFTER INSERT ON `document_tax` BEGIN
	INSERT INTO `document_day_tax_autorizado`
	SELECT d.fecha_emision, d.emission_point_id, d.cod_doc,
		d.status IN ('AUTHORIZED', 'VOIDED_BY_NC', 'CANCELLATION_REQUESTED'),
		NEW.codigo, NEW.codigo_porcentaje, NEW.tarifa_bp, NEW.base_cents, NEW.valor_cents
	FROM `document` d WHERE d.id = NEW.document_id
	ON CONFLICT DO UPDATE SET base_cents = base_cents + excluded.base_cents,
		valor_cents = valor_cents + excluded.valor_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `document_tax_autorizado_after_status` AFTER UPDATE OF status ON `document`
WHEN (OLD.status IN ('AUTHORIZED', 'VOIDED_BY_NC', 'CANCELLATION_REQUESTED'))
	<> (NEW.status IN ('AUTHORIZED', 'VOIDED_BY_NC', 'CANCELLATION_REQUESTED'))
BEGIN
	INSERT INTO `document_day_tax_autorizado`
	SELECT NEW.fecha_emision, NEW.emission_point_id, NEW.cod_doc, v.autorizado, t.codigo,
		t.codigo_porcentaje, t.tarifa_bp, v.signo * t.base_cents, v.signo * t.valor_cents
	FROM `document_tax` t,
		(SELECT OLD.status IN ('AUTHORIZED', 'VOIDED_BY_NC', 'CANCELLATION_REQUESTED') AS autorizado, -1 AS signo
		 UNION ALL SELECT NEW.status IN ('AUTHORIZED', 'VOIDED_BY_NC', 'CANCELLATION_REQUESTED'), 1) v
	WHERE t.document_id = NEW.id
	ON CONFLICT DO UPDATE SET base_cents = base_cents + excluded.base_cents,
		valor_cents = valor_cents + excluded.valor_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `document_reportes_after_vale` AFTER UPDATE OF status ON `document`
WHEN (OLD.status NOT IN ('FAILED_PERMANENT', 'CANCELLED')) <> (NEW.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'))
BEGIN
	INSERT INTO `document_day_hour`
	SELECT NEW.fecha_emision, NEW.emission_point_id, NEW.cod_doc, v.vale,
		(CAST(substr(NEW.created_at, 12, 2) AS INTEGER) + 19) % 24, v.signo, v.signo * NEW.total_cents
	FROM (SELECT OLD.status NOT IN ('FAILED_PERMANENT', 'CANCELLED') AS vale, -1 AS signo
		UNION ALL SELECT NEW.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'), 1) v WHERE true
	ON CONFLICT DO UPDATE SET n = n + excluded.n, total_cents = total_cents + excluded.total_cents;
	INSERT INTO `document_day_motivo`
	SELECT NEW.fecha_emision, NEW.emission_point_id, v.vale, COALESCE(NEW.motivo, ''), v.signo,
		v.signo * NEW.total_cents
	FROM (SELECT OLD.status NOT IN ('FAILED_PERMANENT', 'CANCELLED') AS vale, -1 AS signo
		UNION ALL SELECT NEW.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'), 1) v
	WHERE NEW.cod_doc = '04'
	ON CONFLICT DO UPDATE SET n = n + excluded.n, total_cents = total_cents + excluded.total_cents;
	INSERT INTO `document_day_product`
	SELECT NEW.fecha_emision, NEW.emission_point_id, NEW.cod_doc, v.vale, l.codigo_principal,
		l.descripcion, v.signo * l.cantidad_micro, v.signo * l.subtotal_cents, v.signo
	FROM `document_line` l,
		(SELECT OLD.status NOT IN ('FAILED_PERMANENT', 'CANCELLED') AS vale, -1 AS signo
		 UNION ALL SELECT NEW.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'), 1) v
	WHERE l.document_id = NEW.id
	ON CONFLICT DO UPDATE SET cantidad_micro = cantidad_micro + excluded.cantidad_micro,
		subtotal_cents = subtotal_cents + excluded.subtotal_cents, lineas = lineas + excluded.lineas;
	INSERT INTO `document_month_product`
	SELECT substr(NEW.fecha_emision, 1, 7), NEW.emission_point_id, NEW.cod_doc, v.vale, l.codigo_principal,
		l.descripcion, v.signo * l.cantidad_micro, v.signo * l.subtotal_cents, v.signo
	FROM `document_line` l,
		(SELECT OLD.status NOT IN ('FAILED_PERMANENT', 'CANCELLED') AS vale, -1 AS signo
		 UNION ALL SELECT NEW.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'), 1) v
	WHERE l.document_id = NEW.id
	ON CONFLICT DO UPDATE SET cantidad_micro = cantidad_micro + excluded.cantidad_micro,
		subtotal_cents = subtotal_cents + excluded.subtotal_cents, lineas = lineas + excluded.lineas;
END;
