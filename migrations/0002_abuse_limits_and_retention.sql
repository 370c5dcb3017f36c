CREATE TABLE `daily_salts` (
	`day` text PRIMARY KEY NOT NULL,
	`salt` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rate_counters` (
	`key` text NOT NULL,
	`window` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`key`, `window`)
);
--> statement-breakpoint
CREATE INDEX `rate_counters_window` ON `rate_counters` (`window`);--> statement-breakpoint
CREATE TABLE `retired_responses` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`sangat_puas` integer DEFAULT 0 NOT NULL,
	`puas` integer DEFAULT 0 NOT NULL,
	`cukup_puas` integer DEFAULT 0 NOT NULL,
	`tidak_puas` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `responses` ADD `flagged` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `responses` ADD `spam` integer DEFAULT 0 NOT NULL;