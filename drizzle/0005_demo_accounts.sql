ALTER TABLE `suspensions` ADD `consultation_id` integer REFERENCES consultations(id);--> statement-breakpoint
CREATE INDEX `suspensions_consultation_ends_idx` ON `suspensions` (`consultation_id`,`ends_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `is_demo` integer DEFAULT false NOT NULL;