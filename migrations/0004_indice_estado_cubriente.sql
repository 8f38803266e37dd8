DROP INDEX `document_status_fecha_idx`;--> statement-breakpoint
CREATE INDEX `document_status_fecha_idx` ON `document` (`status`,`fecha_emision`,`id`,`emission_point_id`,`cod_doc`);