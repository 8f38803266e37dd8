CREATE TABLE `email_delivery` (
	`document_id` text PRIMARY KEY NOT NULL,
	`recipient` text NOT NULL,
	`status` text DEFAULT 'pendiente' NOT NULL,
	`message_id` text,
	`sent_at` text,
	`error` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `document`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "email_delivery_status_check" CHECK(status IN ('pendiente', 'enviado', 'rechazado'))
);
--> statement-breakpoint
CREATE INDEX `email_delivery_status_idx` ON `email_delivery` (`status`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_outbox_job` (
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
	`payload` text,
	FOREIGN KEY (`document_id`) REFERENCES `document`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "outbox_job_kind_check" CHECK(kind IN ('sri', 'sync', 'email')),
	CONSTRAINT "outbox_job_status_check" CHECK(status IN ('pending', 'done', 'dead'))
);
--> statement-breakpoint
INSERT INTO `__new_outbox_job`("id", "kind", "document_id", "status", "attempts", "next_attempt_at", "locked_until", "last_error", "created_at", "done_at", "payload") SELECT "id", "kind", "document_id", "status", "attempts", "next_attempt_at", "locked_until", "last_error", "created_at", "done_at", NULL FROM `outbox_job`;--> statement-breakpoint
DROP TABLE `outbox_job`;--> statement-breakpoint
ALTER TABLE `__new_outbox_job` RENAME TO `outbox_job`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `outbox_job_status_next_idx` ON `outbox_job` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_job_kind_document_unique` ON `outbox_job` (`kind`,`document_id`);--> statement-breakpoint
CREATE INDEX `outbox_job_document_idx` ON `outbox_job` (`document_id`);