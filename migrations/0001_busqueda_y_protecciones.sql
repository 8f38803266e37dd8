-- Custom migration (drizzle-kit cannot express virtual tables or triggers).
-- 1. Product search: FTS5 over code, aux code and description, external content keyed by the
--    stable product.search_rowid (the implicit rowid may change on VACUUM). Accents are folded
--    so "atun" finds "Atún"; 2- and 3-character prefix indexes keep prefix queries fast.
CREATE VIRTUAL TABLE `product_fts` USING fts5(
	code,
	aux_code,
	description,
	content='product',
	content_rowid='search_rowid',
	tokenize='unicode61 remove_diacritics 2',
	prefix='2 3'
);
--> statement-breakpoint
INSERT INTO `product_fts`(`product_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `product_fts_after_insert` AFTER INSERT ON `product` BEGIN
	INSERT INTO `product_fts`(rowid, code, aux_code, description)
	VALUES (NEW.search_rowid, NEW.code, NEW.aux_code, NEW.description);
END;
--> statement-breakpoint
CREATE TRIGGER `product_fts_after_delete` AFTER DELETE ON `product` BEGIN
	INSERT INTO `product_fts`(`product_fts`, rowid, code, aux_code, description)
	VALUES ('delete', OLD.search_rowid, OLD.code, OLD.aux_code, OLD.description);
END;
--> statement-breakpoint
CREATE TRIGGER `product_fts_after_update` AFTER UPDATE OF search_rowid, code, aux_code, description ON `product` BEGIN
	INSERT INTO `product_fts`(`product_fts`, rowid, code, aux_code, description)
	VALUES ('delete', OLD.search_rowid, OLD.code, OLD.aux_code, OLD.description);
	INSERT INTO `product_fts`(rowid, code, aux_code, description)
	VALUES (NEW.search_rowid, NEW.code, NEW.aux_code, NEW.description);
END;
--> statement-breakpoint
-- 2. Fiscal documents (docs/architecture.md §6): the fiscal fields and the signed XML never change once
--    written; the authorization, once received, is final; documents are never deleted.
CREATE TRIGGER `document_fiscal_fields_immutable` BEFORE UPDATE ON `document`
WHEN NEW.id IS NOT OLD.id
	OR NEW.sale_id IS NOT OLD.sale_id
	OR NEW.cod_doc IS NOT OLD.cod_doc
	OR NEW.version IS NOT OLD.version
	OR NEW.ambiente IS NOT OLD.ambiente
	OR NEW.emission_point_id IS NOT OLD.emission_point_id
	OR NEW.estab IS NOT OLD.estab
	OR NEW.pto_emi IS NOT OLD.pto_emi
	OR NEW.secuencial IS NOT OLD.secuencial
	OR NEW.clave_acceso IS NOT OLD.clave_acceso
	OR NEW.fecha_emision IS NOT OLD.fecha_emision
	OR NEW.buyer_tipo IS NOT OLD.buyer_tipo
	OR NEW.buyer_identificacion IS NOT OLD.buyer_identificacion
	OR NEW.buyer_razon_social IS NOT OLD.buyer_razon_social
	OR NEW.buyer_email IS NOT OLD.buyer_email
	OR NEW.buyer_direccion IS NOT OLD.buyer_direccion
	OR NEW.buyer_telefono IS NOT OLD.buyer_telefono
	OR NEW.subtotal_cents IS NOT OLD.subtotal_cents
	OR NEW.descuento_cents IS NOT OLD.descuento_cents
	OR NEW.iva_cents IS NOT OLD.iva_cents
	OR NEW.propina_cents IS NOT OLD.propina_cents
	OR NEW.total_cents IS NOT OLD.total_cents
	OR NEW.signed_xml IS NOT OLD.signed_xml
	OR NEW.modified_document_id IS NOT OLD.modified_document_id
	OR NEW.num_doc_modificado IS NOT OLD.num_doc_modificado
	OR NEW.fecha_emision_doc_sustento IS NOT OLD.fecha_emision_doc_sustento
	OR NEW.motivo IS NOT OLD.motivo
	OR NEW.created_at IS NOT OLD.created_at
BEGIN
	SELECT RAISE(ABORT, 'Los datos fiscales y el XML firmado de un comprobante no se pueden modificar');
END;
--> statement-breakpoint
CREATE TRIGGER `document_authorization_final` BEFORE UPDATE ON `document`
WHEN (OLD.numero_autorizacion IS NOT NULL AND NEW.numero_autorizacion IS NOT OLD.numero_autorizacion)
	OR (OLD.fecha_autorizacion IS NOT NULL AND NEW.fecha_autorizacion IS NOT OLD.fecha_autorizacion)
	OR (OLD.authorization_xml IS NOT NULL AND NEW.authorization_xml IS NOT OLD.authorization_xml)
BEGIN
	SELECT RAISE(ABORT, 'La autorización de un comprobante no se puede modificar una vez registrada');
END;
--> statement-breakpoint
CREATE TRIGGER `document_no_delete` BEFORE DELETE ON `document` BEGIN
	SELECT RAISE(ABORT, 'Un comprobante electrónico no se puede borrar');
END;
--> statement-breakpoint
CREATE TRIGGER `document_line_immutable` BEFORE UPDATE ON `document_line` BEGIN
	SELECT RAISE(ABORT, 'Las líneas de un comprobante no se pueden modificar');
END;
--> statement-breakpoint
CREATE TRIGGER `document_line_no_delete` BEFORE DELETE ON `document_line` BEGIN
	SELECT RAISE(ABORT, 'Las líneas de un comprobante no se pueden borrar');
END;
--> statement-breakpoint
CREATE TRIGGER `document_tax_immutable` BEFORE UPDATE ON `document_tax` BEGIN
	SELECT RAISE(ABORT, 'Los impuestos de un comprobante no se pueden modificar');
END;
--> statement-breakpoint
CREATE TRIGGER `document_tax_no_delete` BEFORE DELETE ON `document_tax` BEGIN
	SELECT RAISE(ABORT, 'Los impuestos de un comprobante no se pueden borrar');
END;
--> statement-breakpoint
CREATE TRIGGER `document_payment_immutable` BEFORE UPDATE ON `document_payment` BEGIN
	SELECT RAISE(ABORT, 'Los pagos de un comprobante no se pueden modificar');
END;
--> statement-breakpoint
CREATE TRIGGER `document_payment_no_delete` BEFORE DELETE ON `document_payment` BEGIN
	SELECT RAISE(ABORT, 'Los pagos de un comprobante no se pueden borrar');
END;
--> statement-breakpoint
-- 3. Append-only logs: state changes and audit entries are new rows, never edits.
CREATE TRIGGER `document_status_history_no_update` BEFORE UPDATE ON `document_status_history` BEGIN
	SELECT RAISE(ABORT, 'El historial de estados no se puede modificar');
END;
--> statement-breakpoint
CREATE TRIGGER `document_status_history_no_delete` BEFORE DELETE ON `document_status_history` BEGIN
	SELECT RAISE(ABORT, 'El historial de estados no se puede borrar');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN
	SELECT RAISE(ABORT, 'El registro de auditoría no se puede modificar');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN
	SELECT RAISE(ABORT, 'El registro de auditoría no se puede borrar');
END;
