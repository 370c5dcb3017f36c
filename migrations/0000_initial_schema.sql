CREATE TABLE `article_days` (
	`article_id` integer NOT NULL,
	`day` text NOT NULL,
	`sangat_puas` integer DEFAULT 0 NOT NULL,
	`puas` integer DEFAULT 0 NOT NULL,
	`cukup_puas` integer DEFAULT 0 NOT NULL,
	`tidak_puas` integer DEFAULT 0 NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`article_id`, `day`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_days_day` ON `article_days` (`day`);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`opd` text NOT NULL,
	`key` text NOT NULL,
	`title` text,
	`first_seen_at` integer NOT NULL,
	`sangat_puas` integer DEFAULT 0 NOT NULL,
	`puas` integer DEFAULT 0 NOT NULL,
	`cukup_puas` integer DEFAULT 0 NOT NULL,
	`tidak_puas` integer DEFAULT 0 NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_site_key` ON `articles` (`site_id`,`key`);--> statement-breakpoint
CREATE INDEX `articles_site_opd` ON `articles` (`site_id`,`opd`);--> statement-breakpoint
CREATE TABLE `opds` (
	`site_id` text NOT NULL,
	`slug` text NOT NULL,
	`name` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`site_id`, `slug`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `responses` (
	`article_id` integer NOT NULL,
	`reader` text NOT NULL,
	`rating` integer NOT NULL,
	`day` text NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`article_id`, `reader`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `site_origins` (
	`origin` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `site_origins_site` ON `site_origins` (`site_id`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `view_marks` (
	`article_id` integer NOT NULL,
	`reader` text NOT NULL,
	`day` text NOT NULL,
	PRIMARY KEY(`article_id`, `reader`, `day`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `view_marks_day` ON `view_marks` (`day`);