-- Custom migration: documents per day, emission point, type and status, kept by triggers, so
-- Conciliación's status counts over a month or a year read a few hundred rows instead of a
-- million (docs/architecture.md §12). Documents are never deleted (0001), so insert and status change are
-- the only moves.
CREATE TABLE `document_day_count` (
	`fecha_emision` text NOT NULL,
	`emission_point_id` text NOT NULL,
	`cod_doc` text NOT NULL,
	`status` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY (`fecha_emision`, `emission_point_id`, `cod_doc`, `status`)
);
--> statement-breakpoint
INSERT INTO `document_day_count` (fecha_emision, emission_point_id, cod_doc, status, n)
SELECT fecha_emision, emission_point_id, cod_doc, status, COUNT(*) FROM `document`
GROUP BY fecha_emision, emission_point_id, cod_doc, status;
--> statement-breakpoint
CREATE TRIGGER `document_day_count_after_insert` AFTER INSERT ON `document` BEGIN
	INSERT INTO `document_day_count` (fecha_emision, emission_point_id, cod_doc, status, n)
	VALUES (NEW.fecha_emision, NEW.emission_point_id, NEW.cod_doc, NEW.status, 1)
	ON CONFLICT (fecha_emision, emission_point_id, cod_doc, status) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `document_day_count_after_status` AFTER UPDATE OF status ON `document`
WHEN NEW.status IS NOT OLD.status BEGIN
	UPDATE `document_day_count` SET n = n - 1
	WHERE fecha_emision = OLD.fecha_emision AND emission_point_id = OLD.emission_point_id
		AND cod_doc = OLD.cod_doc AND status = OLD.status;
	INSERT INTO `document_day_count` (fecha_emision, emission_point_id, cod_doc, status, n)
	VALUES (NEW.fecha_emision, NEW.emission_point_id, NEW.cod_doc, NEW.status, 1)
	ON CONFLICT (fecha_emision, emission_point_id, cod_doc, status) DO UPDATE SET n = n + 1;
END;
