PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_cash_movement` (
	`id` text PRIMARY KEY NOT NULL,
	`shift_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`reason` text NOT NULL,
	`user_id` text NOT NULL,
	`at` text NOT NULL,
	`purpose` text DEFAULT 'manual' NOT NULL,
	`credit_note_id` text,
	FOREIGN KEY (`shift_id`) REFERENCES `cash_shift`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `app_user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`credit_note_id`) REFERENCES `document`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "cash_movement_kind_check" CHECK(kind IN ('in', 'out')),
	CONSTRAINT "cash_movement_amount_check" CHECK(amount_cents > 0),
	CONSTRAINT "cash_movement_purpose_check" CHECK(purpose IN ('manual', 'credit_note_refund'))
);
--> statement-breakpoint
-- Backfill: until now a credit note's cash refund was told apart only by its reason
-- («Devolución NC 001-002-000000123», the same test the Z report used); link it to that note.
INSERT INTO `__new_cash_movement`("id", "shift_id", "kind", "amount_cents", "reason", "user_id", "at", "purpose", "credit_note_id")
SELECT m."id", m."shift_id", m."kind", m."amount_cents", m."reason", m."user_id", m."at",
  CASE WHEN m."kind" = 'out' AND m."reason" LIKE 'Devolución NC %' THEN 'credit_note_refund' ELSE 'manual' END,
  CASE WHEN m."kind" = 'out' AND m."reason" LIKE 'Devolución NC %' THEN (
    SELECT d."id" FROM `document` d
    WHERE d."cod_doc" = '04'
      AND 'Devolución NC ' || d."estab" || '-' || d."pto_emi" || '-' || printf('%09d', d."secuencial") = m."reason"
    LIMIT 1
  ) END
FROM `cash_movement` m;--> statement-breakpoint
DROP TABLE `cash_movement`;--> statement-breakpoint
ALTER TABLE `__new_cash_movement` RENAME TO `cash_movement`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `cash_movement_shift_idx` ON `cash_movement` (`shift_id`);