ALTER TABLE `comments` ADD `former_participant` text;--> statement-breakpoint
ALTER TABLE `stances` ADD `former_participant` text;