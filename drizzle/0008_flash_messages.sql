CREATE TABLE `flash_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text,
	`path` text NOT NULL,
	`payload` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `flash_messages_expires_idx` ON `flash_messages` (`expires_at`);