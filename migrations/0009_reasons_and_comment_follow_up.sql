CREATE TABLE `reason_days` (
	`site_id` text NOT NULL,
	`opd` text NOT NULL,
	`article` text NOT NULL,
	`day` text NOT NULL,
	`reason` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `article`, `day`, `reason`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reason_days_opd` ON `reason_days` (`site_id`,`opd`,`day`);--> statement-breakpoint
CREATE INDEX `reason_days_day` ON `reason_days` (`day`);--> statement-breakpoint
CREATE TABLE `reasons` (
	`site_id` text NOT NULL,
	`article` text NOT NULL,
	`reader_hash` text NOT NULL,
	`reason` text NOT NULL,
	`opd` text NOT NULL,
	`day` text NOT NULL,
	PRIMARY KEY(`site_id`, `article`, `reader_hash`, `reason`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reasons_day` ON `reasons` (`day`);--> statement-breakpoint
ALTER TABLE `comments` ADD `status` text DEFAULT 'baru' NOT NULL;--> statement-breakpoint
ALTER TABLE `comments` ADD `done_at` integer;--> statement-breakpoint
ALTER TABLE `comments` ADD `note` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `reply` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `replied_at` integer;--> statement-breakpoint
ALTER TABLE `comments` ADD `lapor_tracking_id` text;--> statement-breakpoint
UPDATE `comments` SET `status` = 'selesai' WHERE `handled` = 1;--> statement-breakpoint
ALTER TABLE `comments` DROP COLUMN `handled`;