CREATE TABLE `summary_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`summary_id` integer NOT NULL,
	`status` text NOT NULL,
	`explanation` text NOT NULL,
	`acted_in_version_id` integer,
	`author_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`summary_id`) REFERENCES `liaison_summaries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`acted_in_version_id`) REFERENCES `draft_versions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `summary_responses_summary_uq` ON `summary_responses` (`summary_id`);--> statement-breakpoint
CREATE INDEX `summary_responses_author_idx` ON `summary_responses` (`author_id`);