CREATE TABLE `feedback_translations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`stance_id` integer,
	`quote_id` integer,
	`language` text NOT NULL,
	`body` text NOT NULL,
	`source` text NOT NULL,
	`translator_id` integer,
	`machine` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`stance_id`) REFERENCES `stances`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`quote_id`) REFERENCES `summary_quotes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`translator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_translations_stance_uq` ON `feedback_translations` (`stance_id`,`language`,`machine`) WHERE "feedback_translations"."stance_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_translations_quote_uq` ON `feedback_translations` (`quote_id`,`language`,`machine`) WHERE "feedback_translations"."quote_id" is not null;--> statement-breakpoint
CREATE INDEX `feedback_translations_language_idx` ON `feedback_translations` (`language`,`kind`);