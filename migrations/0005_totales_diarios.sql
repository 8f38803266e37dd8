-- Custom migration: money per day, emission point and type, kept by triggers, so the daily
-- summary of Conciliación (and a month's) reads a few rows per day instead of joining every
-- document with its taxes and payments (docs/architecture.md §12). `vale` is 0 for documents that do not
-- count in the totals (FAILED_PERMANENT, CANCELLED); only a change of `vale` moves money.
-- Taxes and payments never change once written (0001), and documents are never deleted.
CREATE TABLE `document_day_total` (
	`fecha_emision` text NOT NULL,
	`emission_point_id` text NOT NULL,
	`cod_doc` text NOT NULL,
	`vale` integer NOT NULL,
	`n` integer NOT NULL,
	`subtotal_cents` integer NOT NULL,
	`iva_cents` integer NOT NULL,
	`total_cents` integer NOT NULL,
	PRIMARY KEY (`fecha_emision`, `emission_point_id`, `cod_doc`, `vale`)
);
--> statement-breakpoint
CREATE TABLE `document_day_tax` (
	`fecha_emision` text NOT NULL,
	`emission_point_id` text NOT NULL,
	`cod_doc` text NOT NULL,
	`vale` integer NOT NULL,
	`codigo` text NOT NULL,
	`codigo_porcentaje` text NOT NULL,
	`tarifa_bp` integer NOT NULL,
	`base_cents` integer NOT NULL,
	`valor_cents` integer NOT NULL,
	PRIMARY KEY (`fecha_emision`, `emission_point_id`, `cod_doc`, `vale`, `codigo`, `codigo_porcentaje`, `tarifa_bp`)
);
--> statement-breakpoint
CREATE TABLE `document_day_payment` (
	`fecha_emision` text NOT NULL,
	`emission_point_id` text NOT NULL,
	`cod_doc` text NOT NULL,
	`vale` integer NOT NULL,
	`forma_pago` text NOT NULL,
	`total_cents` integer NOT NULL,
	PRIMARY KEY (`fecha_emision`, `emission_point_id`, `cod_doc`, `vale`, `forma_pago`)
);
--> statement-breakpoint
INSERT INTO `document_day_total`
SELECT fecha_emision, emission_point_id, cod_doc, status NOT IN ('FAILED_PERMANENT', 'CANCELLED'),
	COUNT(*), SUM(subtotal_cents), SUM(iva_cents), SUM(total_cents)
FROM `document` GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO `document_day_tax`
SELECT d.fecha_emision, d.emission_point_id, d.cod_doc, d.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'),
	t.codigo, t.codigo_porcentaje, t.tarifa_bp, SUM(t.base_cents), SUM(t.valor_cents)
FROM `document` d JOIN `document_tax` t ON t.document_id = d.id GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO `document_day_payment`
SELECT d.fecha_emision, d.emission_point_id, d.cod_doc, d.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'),
	p.forma_pago, SUM(p.total_cents)
FROM `document` d JOIN `document_payment` p ON p.document_id = d.id GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE TRIGGER `document_day_total_after_insert` AFTER INSERT ON `document` BEGIN
	INSERT INTO `document_day_total` VALUES (NEW.fecha_emision, NEW.emission_point_id, NEW.cod_doc,
		NEW.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'), 1, NEW.subtotal_cents, NEW.iva_cents, NEW.total_cents)
	ON CONFLICT DO UPDATE SET n = n + 1, subtotal_cents = subtotal_cents + excluded.subtotal_cents,
		iva_cents = iva_cents + excluded.iva_cents, total_cents = total_cents + excluded.total_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `document_day_tax_after_insert` AFTER INSERT ON `document_tax` BEGIN
	INSERT INTO `document_day_tax`
	SELECT d.fecha_emision, d.emission_point_id, d.cod_doc, d.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'),
		NEW.codigo, NEW.codigo_porcentaje, NEW.tarifa_bp, NEW.base_cents, NEW.valor_cents
	FROM `document` d WHERE d.id = NEW.document_id
	ON CONFLICT DO UPDATE SET base_cents = base_cents + excluded.base_cents,
		valor_cents = valor_cents + excluded.valor_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `document_day_payment_after_insert` AFTER INSERT ON `document_payment` BEGIN
	INSERT INTO `document_day_payment`
	SELECT d.fecha_emision, d.emission_point_id, d.cod_doc, d.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'),
		NEW.forma_pago, NEW.total_cents
	FROM `document` d WHERE d.id = NEW.document_id
	ON CONFLICT DO UPDATE SET total_cents = total_cents + excluded.total_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `document_day_money_after_status` AFTER UPDATE OF status ON `document`
WHEN (OLD.status NOT IN ('FAILED_PERMANENT', 'CANCELLED')) <> (NEW.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'))
BEGIN
	INSERT INTO `document_day_total` VALUES (NEW.fecha_emision, NEW.emission_point_id, NEW.cod_doc,
		OLD.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'), -1, -NEW.subtotal_cents, -NEW.iva_cents, -NEW.total_cents),
		(NEW.fecha_emision, NEW.emission_point_id, NEW.cod_doc,
		NEW.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'), 1, NEW.subtotal_cents, NEW.iva_cents, NEW.total_cents)
	ON CONFLICT DO UPDATE SET n = n + excluded.n, subtotal_cents = subtotal_cents + excluded.subtotal_cents,
		iva_cents = iva_cents + excluded.iva_cents, total_cents = total_cents + excluded.total_cents;
	INSERT INTO `document_day_tax`
	SELECT NEW.fecha_emision, NEW.emission_point_id, NEW.cod_doc, v.vale, t.codigo, t.codigo_porcentaje,
		t.tarifa_bp, v.signo * t.base_cents, v.signo * t.valor_cents
	FROM `document_tax` t,
		(SELECT OLD.status NOT IN ('FAILED_PERMANENT', 'CANCELLED') AS vale, -1 AS signo
		 UNION ALL SELECT NEW.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'), 1) v
	WHERE t.document_id = NEW.id
	ON CONFLICT DO UPDATE SET base_cents = base_cents + excluded.base_cents,
		valor_cents = valor_cents + excluded.valor_cents;
	INSERT INTO `document_day_payment`
	SELECT NEW.fecha_emision, NEW.emission_point_id, NEW.cod_doc, v.vale, p.forma_pago, v.signo * p.total_cents
	FROM `document_payment` p,
		(SELECT OLD.status NOT IN ('FAILED_PERMANENT', 'CANCELLED') AS vale, -1 AS signo
		 UNION ALL SELECT NEW.status NOT IN ('FAILED_PERMANENT', 'CANCELLED'), 1) v
	WHERE p.document_id = NEW.id
	ON CONFLICT DO UPDATE SET total_cents = total_cents + excluded.total_cents;
END;
