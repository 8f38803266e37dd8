PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_printer` (
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
	CONSTRAINT "printer_kind_check" CHECK(kind IN ('escpos_tcp', 'escpos_spooler', 'pdf_spooler')),
	CONSTRAINT "printer_paper_check" CHECK(paper IN ('80mm', '58mm', 'a4')),
	CONSTRAINT "printer_target_check" CHECK((kind = 'escpos_tcp' AND host IS NOT NULL AND port IS NOT NULL) OR (kind IN ('escpos_spooler', 'pdf_spooler') AND queue_name IS NOT NULL))
);
--> statement-breakpoint
INSERT INTO `__new_printer`("id", "name", "kind", "host", "port", "queue_name", "profile", "paper", "is_default", "open_drawer") SELECT "id", "name", "kind", "host", "port", "queue_name", "profile", "paper", "is_default", "open_drawer" FROM `printer`;--> statement-breakpoint
DROP TABLE `printer`;--> statement-breakpoint
ALTER TABLE `__new_printer` RENAME TO `printer`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `printer_one_default` ON `printer` (`is_default`) WHERE is_default = 1;