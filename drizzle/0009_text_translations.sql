CREATE TABLE `text_translations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`kind` text NOT NULL,
	`subject_id` integer NOT NULL,
	`part` integer DEFAULT 0 NOT NULL,
	`language` text NOT NULL,
	`text` text NOT NULL,
	`source_text` text NOT NULL,
	`translator_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`translator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `text_translations_uq` ON `text_translations` (`kind`,`subject_id`,`part`,`language`);--> statement-breakpoint
CREATE INDEX `text_translations_consultation_language_idx` ON `text_translations` (`consultation_id`,`language`);