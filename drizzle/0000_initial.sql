CREATE TABLE `clause_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`clause_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`position` integer NOT NULL,
	`label` text NOT NULL,
	`heading` text NOT NULL,
	`body` text NOT NULL,
	`affects_translations` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`clause_id`) REFERENCES `clauses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `draft_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clause_revisions_version_clause_uq` ON `clause_revisions` (`version_id`,`clause_id`);--> statement-breakpoint
CREATE INDEX `clause_revisions_version_position_idx` ON `clause_revisions` (`version_id`,`position`);--> statement-breakpoint
CREATE TABLE `clause_tallies` (
	`revision_id` integer NOT NULL,
	`community` text NOT NULL,
	`affiliation` text DEFAULT '' NOT NULL,
	`support` integer DEFAULT 0 NOT NULL,
	`oppose` integer DEFAULT 0 NOT NULL,
	`neutral` integer DEFAULT 0 NOT NULL,
	`comments` integer DEFAULT 0 NOT NULL,
	`participants` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`revision_id`, `community`, `affiliation`),
	FOREIGN KEY (`revision_id`) REFERENCES `clause_revisions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `clause_translations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`revision_id` integer NOT NULL,
	`language` text NOT NULL,
	`heading` text NOT NULL,
	`body` text NOT NULL,
	`translator_id` integer,
	`based_on_revision_id` integer,
	`outdated` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`revision_id`) REFERENCES `clause_revisions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`translator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`based_on_revision_id`) REFERENCES `clause_revisions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clause_translations_revision_language_uq` ON `clause_translations` (`revision_id`,`language`);--> statement-breakpoint
CREATE TABLE `clauses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`key` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clauses_key_uq` ON `clauses` (`consultation_id`,`key`);--> statement-breakpoint
CREATE TABLE `comment_translations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`comment_id` integer NOT NULL,
	`language` text NOT NULL,
	`body` text NOT NULL,
	`translator_id` integer,
	`machine` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`translator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comment_translations_uq` ON `comment_translations` (`comment_id`,`language`,`machine`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`revision_id` integer NOT NULL,
	`author_id` integer,
	`parent_id` integer,
	`language` text NOT NULL,
	`body` text NOT NULL,
	`community` text NOT NULL,
	`affiliation` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`edited_at` integer,
	FOREIGN KEY (`revision_id`) REFERENCES `clause_revisions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`parent_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `comments_revision_parent_created_idx` ON `comments` (`revision_id`,`parent_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_revision_language_created_idx` ON `comments` (`revision_id`,`language`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_parent_idx` ON `comments` (`parent_id`);--> statement-breakpoint
CREATE INDEX `comments_author_idx` ON `comments` (`author_id`);--> statement-breakpoint
CREATE TABLE `committee_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`revision_id` integer NOT NULL,
	`comment_id` integer,
	`status` text NOT NULL,
	`explanation` text NOT NULL,
	`acted_in_version_id` integer,
	`author_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`revision_id`) REFERENCES `clause_revisions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`acted_in_version_id`) REFERENCES `draft_versions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `committee_responses_revision_idx` ON `committee_responses` (`revision_id`);--> statement-breakpoint
CREATE INDEX `committee_responses_comment_idx` ON `committee_responses` (`comment_id`);--> statement-breakpoint
CREATE TABLE `consultations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`source_language` text NOT NULL,
	`languages` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`min_community_size` integer DEFAULT 5 NOT NULL,
	`measures_include_liaison_counts` integer DEFAULT false NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consultations_slug_unique` ON `consultations` (`slug`);--> statement-breakpoint
CREATE TABLE `draft_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`number` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` integer,
	`note` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `draft_versions_number_uq` ON `draft_versions` (`consultation_id`,`number`);--> statement-breakpoint
CREATE TABLE `liaison_summaries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`language` text NOT NULL,
	`author_id` integer,
	`status` text DEFAULT 'draft' NOT NULL,
	`narrative` text DEFAULT '' NOT NULL,
	`narrative_language` text NOT NULL,
	`narrative_translation` text,
	`translation_language` text,
	`published_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `draft_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `liaison_summaries_version_language_idx` ON `liaison_summaries` (`version_id`,`language`);--> statement-breakpoint
CREATE TABLE `role_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`language` text DEFAULT '' NOT NULL,
	`granted_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `role_assignments_uq` ON `role_assignments` (`consultation_id`,`user_id`,`role`,`language`);--> statement-breakpoint
CREATE INDEX `role_assignments_user_idx` ON `role_assignments` (`user_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `stances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`revision_id` integer NOT NULL,
	`user_id` integer,
	`stance` text NOT NULL,
	`reason` text,
	`language` text NOT NULL,
	`community` text NOT NULL,
	`affiliation` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`revision_id`) REFERENCES `clause_revisions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stances_revision_user_uq` ON `stances` (`revision_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `stances_revision_stance_idx` ON `stances` (`revision_id`,`stance`);--> statement-breakpoint
CREATE INDEX `stances_revision_updated_idx` ON `stances` (`revision_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `stances_user_idx` ON `stances` (`user_id`);--> statement-breakpoint
CREATE TABLE `summary_channels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`summary_id` integer NOT NULL,
	`kind` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`participants` integer NOT NULL,
	`started_on` text,
	`ended_on` text,
	`position` integer NOT NULL,
	FOREIGN KEY (`summary_id`) REFERENCES `liaison_summaries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `summary_channels_summary_idx` ON `summary_channels` (`summary_id`);--> statement-breakpoint
CREATE TABLE `summary_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`summary_id` integer NOT NULL,
	`revision_id` integer NOT NULL,
	`asked` integer DEFAULT true NOT NULL,
	`support` integer,
	`oppose` integer,
	`neutral` integer,
	`key_points` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`summary_id`) REFERENCES `liaison_summaries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`revision_id`) REFERENCES `clause_revisions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `summary_entries_uq` ON `summary_entries` (`summary_id`,`revision_id`);--> statement-breakpoint
CREATE INDEX `summary_entries_revision_idx` ON `summary_entries` (`revision_id`);--> statement-breakpoint
CREATE TABLE `summary_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`summary_id` integer NOT NULL,
	`snapshot` text NOT NULL,
	`edited_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`summary_id`) REFERENCES `liaison_summaries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`edited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `summary_history_summary_idx` ON `summary_history` (`summary_id`);--> statement-breakpoint
CREATE TABLE `summary_quotes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`original` text NOT NULL,
	`language` text NOT NULL,
	`translation` text DEFAULT '' NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `summary_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `summary_quotes_entry_idx` ON `summary_quotes` (`entry_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`languages` text NOT NULL,
	`affiliation` text,
	`locale` text,
	`is_site_admin` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);