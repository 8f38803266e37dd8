DROP INDEX `document_status_idx`;--> statement-breakpoint
DROP INDEX `document_point_fecha_idx`;--> statement-breakpoint
DROP INDEX `document_buyer_idx`;--> statement-breakpoint
DROP INDEX `document_cod_doc_fecha_idx`;--> statement-breakpoint
CREATE INDEX `document_fecha_id_idx` ON `document` (`fecha_emision`,`id`);--> statement-breakpoint
CREATE INDEX `document_status_fecha_idx` ON `document` (`status`,`fecha_emision`,`id`);--> statement-breakpoint
CREATE INDEX `document_point_fecha_id_idx` ON `document` (`emission_point_id`,`fecha_emision`,`id`);--> statement-breakpoint
CREATE INDEX `document_buyer_fecha_idx` ON `document` (`buyer_identificacion`,`fecha_emision`,`id`);--> statement-breakpoint
CREATE INDEX `document_cod_doc_fecha_id_idx` ON `document` (`cod_doc`,`fecha_emision`,`id`);