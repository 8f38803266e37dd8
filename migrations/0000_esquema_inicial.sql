CREATE TABLE `app_user` (
	`id` text PRIMARY KEY NOT NULL,
	`nombre` text NOT NULL,
	`rol` text NOT NULL,
	`pin_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	CONSTRAINT "app_user_rol_check" CHECK(rol IN ('cajero', 'supervisor', 'administrador'))
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` text,
	`action` text NOT NULL,
	`detail` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `app_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`at`);--> statement-breakpoint
CREATE TABLE `buyer` (
	`id` text PRIMARY KEY NOT NULL,
	`tipo_identificacion` text NOT NULL,
	`identificacion` text NOT NULL,
	`razon_social` text NOT NULL,
	`email` text,
	`telefono` text,
	`direccion` text,
	`remote_id` text,
	`updated_at` text NOT NULL,
	CONSTRAINT "buyer_tipo_check" CHECK(tipo_identificacion IN ('04', '05', '06', '07', '08'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `buyer_identificacion_unique` ON `buyer` (`identificacion`);--> statement-breakpoint
CREATE INDEX `buyer_razon_social_idx` ON `buyer` (`razon_social`);--> statement-breakpoint
CREATE TABLE `cash_movement` (
	`id` text PRIMARY KEY NOT NULL,
	`shift_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`reason` text NOT NULL,
	`user_id` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `cash_shift`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `app_user`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "cash_movement_kind_check" CHECK(kind IN ('in', 'out')),
	CONSTRAINT "cash_movement_amount_check" CHECK(amount_cents > 0)
);
--> statement-breakpoint
CREATE INDEX `cash_movement_shift_idx` ON `cash_movement` (`shift_id`);--> statement-breakpoint
CREATE TABLE `cash_shift` (
	`id` text PRIMARY KEY NOT NULL,
	`emission_point_id` text NOT NULL,
	`opened_by` text NOT NULL,
	`opened_at` text NOT NULL,
	`opening_float_cents` integer NOT NULL,
	`closed_by` text,
	`closed_at` text,
	`counted_cents` integer,
	`expected_cents` integer,
	`denominations` text,
	`status` text DEFAULT 'open' NOT NULL,
	FOREIGN KEY (`emission_point_id`) REFERENCES `emission_point`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `app_user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `app_user`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "cash_shift_status_check" CHECK(status IN ('open', 'closed')),
	CONSTRAINT "cash_shift_closed_check" CHECK(status = 'open' OR (closed_at IS NOT NULL AND counted_cents IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `cash_shift_point_status_idx` ON `cash_shift` (`emission_point_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `cash_shift_one_open_per_point` ON `cash_shift` (`emission_point_id`) WHERE status = 'open';--> statement-breakpoint
CREATE TABLE `certificate` (
	`id` text PRIMARY KEY NOT NULL,
	`ciphertext` blob NOT NULL,
	`iv` blob NOT NULL,
	`auth_tag` blob NOT NULL,
	`summary` text NOT NULL,
	`keychain_account` text NOT NULL,
	`unlock_mode` text NOT NULL,
	`active` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	CONSTRAINT "certificate_unlock_check" CHECK(unlock_mode IN ('keychain', 'ask'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificate_one_active` ON `certificate` (`active`) WHERE active = 1;--> statement-breakpoint
CREATE TABLE `document` (
	`id` text PRIMARY KEY NOT NULL,
	`sale_id` text,
	`cod_doc` text NOT NULL,
	`version` text NOT NULL,
	`ambiente` text NOT NULL,
	`emission_point_id` text NOT NULL,
	`estab` text NOT NULL,
	`pto_emi` text NOT NULL,
	`secuencial` integer NOT NULL,
	`clave_acceso` text NOT NULL,
	`fecha_emision` text NOT NULL,
	`buyer_tipo` text NOT NULL,
	`buyer_identificacion` text NOT NULL,
	`buyer_razon_social` text NOT NULL,
	`buyer_email` text,
	`buyer_direccion` text,
	`buyer_telefono` text,
	`subtotal_cents` integer NOT NULL,
	`descuento_cents` integer NOT NULL,
	`iva_cents` integer NOT NULL,
	`propina_cents` integer DEFAULT 0 NOT NULL,
	`total_cents` integer NOT NULL,
	`status` text NOT NULL,
	`signed_xml` text NOT NULL,
	`modified_document_id` text,
	`num_doc_modificado` text,
	`fecha_emision_doc_sustento` text,
	`motivo` text,
	`numero_autorizacion` text,
	`fecha_autorizacion` text,
	`authorization_xml` text,
	`last_sri_message` text,
	`remote_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sale`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`emission_point_id`) REFERENCES `emission_point`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`modified_document_id`) REFERENCES `document`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "document_cod_doc_check" CHECK(cod_doc IN ('01', '04')),
	CONSTRAINT "document_ambiente_check" CHECK(ambiente IN ('1', '2')),
	CONSTRAINT "document_clave_check" CHECK(length(clave_acceso) = 49),
	CONSTRAINT "document_secuencial_check" CHECK(secuencial BETWEEN 1 AND 999999999),
	CONSTRAINT "document_nc_check" CHECK(cod_doc <> '04' OR (num_doc_modificado IS NOT NULL AND motivo IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_clave_acceso_unique` ON `document` (`clave_acceso`);--> statement-breakpoint
CREATE UNIQUE INDEX `document_numbering_unique` ON `document` (`emission_point_id`,`cod_doc`,`secuencial`);--> statement-breakpoint
CREATE INDEX `document_fecha_status_idx` ON `document` (`fecha_emision`,`status`);--> statement-breakpoint
CREATE INDEX `document_status_idx` ON `document` (`status`);--> statement-breakpoint
CREATE INDEX `document_point_fecha_idx` ON `document` (`emission_point_id`,`fecha_emision`);--> statement-breakpoint
CREATE INDEX `document_buyer_idx` ON `document` (`buyer_identificacion`);--> statement-breakpoint
CREATE INDEX `document_cod_doc_fecha_idx` ON `document` (`cod_doc`,`fecha_emision`);--> statement-breakpoint
CREATE INDEX `document_sale_idx` ON `document` (`sale_id`);--> statement-breakpoint
CREATE INDEX `document_modified_idx` ON `document` (`modified_document_id`);--> statement-breakpoint
CREATE TABLE `document_line` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`line_number` integer NOT NULL,
	`product_id` text,
	`codigo_principal` text NOT NULL,
	`codigo_auxiliar` text,
	`descripcion` text NOT NULL,
	`unidad_medida` text,
	`cantidad_micro` integer NOT NULL,
	`precio_unitario_micro` integer NOT NULL,
	`descuento_cents` integer NOT NULL,
	`subtotal_cents` integer NOT NULL,
	`iva_codigo_porcentaje` text NOT NULL,
	`tarifa_bp` integer NOT NULL,
	`iva_cents` integer NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `document`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `product`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_line_number_unique` ON `document_line` (`document_id`,`line_number`);--> statement-breakpoint
CREATE INDEX `document_line_product_idx` ON `document_line` (`product_id`);--> statement-breakpoint
CREATE TABLE `document_payment` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`forma_pago` text NOT NULL,
	`total_cents` integer NOT NULL,
	`tendered_cents` integer,
	`plazo` integer,
	`unidad_tiempo` text,
	FOREIGN KEY (`document_id`) REFERENCES `document`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "document_payment_forma_check" CHECK(forma_pago IN ('01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21')),
	CONSTRAINT "document_payment_total_check" CHECK(total_cents >= 0)
);
--> statement-breakpoint
CREATE INDEX `document_payment_document_idx` ON `document_payment` (`document_id`);--> statement-breakpoint
CREATE TABLE `document_status_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`at` text NOT NULL,
	`source` text NOT NULL,
	`sri_messages` text,
	`detail` text,
	`user_id` text,
	FOREIGN KEY (`document_id`) REFERENCES `document`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `app_user`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "document_status_history_source_check" CHECK(source IN ('local', 'sri', 'usuario', 'sync'))
);
--> statement-breakpoint
CREATE INDEX `document_status_history_document_idx` ON `document_status_history` (`document_id`,`id`);--> statement-breakpoint
CREATE TABLE `document_tax` (
	`document_id` text NOT NULL,
	`codigo` text NOT NULL,
	`codigo_porcentaje` text NOT NULL,
	`base_cents` integer NOT NULL,
	`tarifa_bp` integer NOT NULL,
	`valor_cents` integer NOT NULL,
	PRIMARY KEY(`document_id`, `codigo`, `codigo_porcentaje`),
	FOREIGN KEY (`document_id`) REFERENCES `document`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `emission_point` (
	`id` text PRIMARY KEY NOT NULL,
	`establishment_id` text NOT NULL,
	`code` text NOT NULL,
	`description` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`remote_id` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`establishment_id`) REFERENCES `establishment`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "emission_point_code_check" CHECK(code GLOB '[0-9][0-9][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `emission_point_establishment_code_unique` ON `emission_point` (`establishment_id`,`code`);--> statement-breakpoint
CREATE TABLE `establishment` (
	`id` text PRIMARY KEY NOT NULL,
	`issuer_id` text NOT NULL,
	`code` text NOT NULL,
	`address` text NOT NULL,
	`nombre_comercial` text,
	`active` integer DEFAULT true NOT NULL,
	`remote_id` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`issuer_id`) REFERENCES `issuer`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "establishment_code_check" CHECK(code GLOB '[0-9][0-9][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `establishment_issuer_code_unique` ON `establishment` (`issuer_id`,`code`);--> statement-breakpoint
CREATE TABLE `issuer` (
	`id` text PRIMARY KEY NOT NULL,
	`ruc` text NOT NULL,
	`razon_social` text NOT NULL,
	`nombre_comercial` text,
	`direccion_matriz` text NOT NULL,
	`obligado_contabilidad` integer NOT NULL,
	`contribuyente_especial` text,
	`agente_retencion` text,
	`regimen` text,
	`ambiente` text NOT NULL,
	`remote_id` text,
	`updated_at` text NOT NULL,
	CONSTRAINT "issuer_ruc_check" CHECK(length(ruc) = 13),
	CONSTRAINT "issuer_ambiente_check" CHECK(ambiente IN ('1', '2')),
	CONSTRAINT "issuer_regimen_check" CHECK(regimen IS NULL OR regimen IN ('RIMPE_EMPRENDEDOR', 'RIMPE_NEGOCIO_POPULAR'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `issuer_ruc_unique` ON `issuer` (`ruc`);--> statement-breakpoint
CREATE TABLE `outbox_job` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`document_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`locked_until` text,
	`last_error` text,
	`created_at` text NOT NULL,
	`done_at` text,
	FOREIGN KEY (`document_id`) REFERENCES `document`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "outbox_job_kind_check" CHECK(kind IN ('sri', 'sync')),
	CONSTRAINT "outbox_job_status_check" CHECK(status IN ('pending', 'done', 'dead'))
);
--> statement-breakpoint
CREATE INDEX `outbox_job_status_next_idx` ON `outbox_job` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_job_kind_document_unique` ON `outbox_job` (`kind`,`document_id`);--> statement-breakpoint
CREATE INDEX `outbox_job_document_idx` ON `outbox_job` (`document_id`);--> statement-breakpoint
CREATE TABLE `print_job` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` text,
	`kind` text NOT NULL,
	`printer_id` text,
	`format` text NOT NULL,
	`payload` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`created_at` text NOT NULL,
	`printed_at` text,
	FOREIGN KEY (`document_id`) REFERENCES `document`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`printer_id`) REFERENCES `printer`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "print_job_kind_check" CHECK(kind IN ('ride', 'z_report', 'test', 'reprint')),
	CONSTRAINT "print_job_format_check" CHECK(format IN ('80mm', '58mm', 'a4', 'escpos')),
	CONSTRAINT "print_job_status_check" CHECK(status IN ('pending', 'printing', 'done', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `print_job_status_next_idx` ON `print_job` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `print_job_document_idx` ON `print_job` (`document_id`);--> statement-breakpoint
CREATE TABLE `printer` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`host` text,
	`port` integer,
	`queue_name` text,
	`profile` text NOT NULL,
	`paper` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`open_drawer` integer DEFAULT false NOT NULL,
	CONSTRAINT "printer_kind_check" CHECK(kind IN ('escpos_tcp', 'pdf_spooler')),
	CONSTRAINT "printer_paper_check" CHECK(paper IN ('80mm', '58mm', 'a4')),
	CONSTRAINT "printer_target_check" CHECK((kind = 'escpos_tcp' AND host IS NOT NULL AND port IS NOT NULL) OR (kind = 'pdf_spooler' AND queue_name IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `printer_one_default` ON `printer` (`is_default`) WHERE is_default = 1;--> statement-breakpoint
CREATE TABLE `product` (
	`id` text PRIMARY KEY NOT NULL,
	`search_rowid` integer NOT NULL,
	`code` text NOT NULL,
	`aux_code` text,
	`description` text NOT NULL,
	`unit_price_micro` integer NOT NULL,
	`iva_codigo_porcentaje` text NOT NULL,
	`unit` text DEFAULT 'unidad' NOT NULL,
	`is_weighed` integer DEFAULT false NOT NULL,
	`max_discount_bp` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`remote_id` text,
	`updated_at` text NOT NULL,
	CONSTRAINT "product_price_check" CHECK(unit_price_micro >= 0),
	CONSTRAINT "product_iva_check" CHECK(iva_codigo_porcentaje IN ('0', '2', '3', '4', '5', '6', '7', '8', '10')),
	CONSTRAINT "product_unit_check" CHECK(unit IN ('unidad', 'kg', 'g', 'litro', 'ml', 'metro', 'caja', 'paquete')),
	CONSTRAINT "product_discount_check" CHECK(max_discount_bp BETWEEN 0 AND 10000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_search_rowid_unique` ON `product` (`search_rowid`);--> statement-breakpoint
CREATE UNIQUE INDEX `product_code_unique` ON `product` (`code`);--> statement-breakpoint
CREATE INDEX `product_remote_id_idx` ON `product` (`remote_id`);--> statement-breakpoint
CREATE TABLE `product_barcode` (
	`barcode` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `product`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `product_barcode_product_idx` ON `product_barcode` (`product_id`);--> statement-breakpoint
CREATE TABLE `sale` (
	`id` text PRIMARY KEY NOT NULL,
	`emission_point_id` text NOT NULL,
	`shift_id` text,
	`user_id` text,
	`created_at` text NOT NULL,
	`total_cents` integer NOT NULL,
	`change_cents` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`emission_point_id`) REFERENCES `emission_point`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shift_id`) REFERENCES `cash_shift`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `app_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sale_shift_idx` ON `sale` (`shift_id`);--> statement-breakpoint
CREATE INDEX `sale_created_at_idx` ON `sale` (`created_at`);--> statement-breakpoint
CREATE TABLE `sequence` (
	`emission_point_id` text NOT NULL,
	`cod_doc` text NOT NULL,
	`next_secuencial` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`emission_point_id`, `cod_doc`),
	FOREIGN KEY (`emission_point_id`) REFERENCES `emission_point`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sequence_cod_doc_check" CHECK(cod_doc IN ('01', '04')),
	CONSTRAINT "sequence_next_check" CHECK(next_secuencial BETWEEN 1 AND 999999999)
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`resource` text PRIMARY KEY NOT NULL,
	`cursor` text,
	`last_synced_at` text,
	`last_error` text
);
