CREATE TABLE `widget_error_days` (
	`site_id` text NOT NULL,
	`opd` text NOT NULL,
	`day` text NOT NULL,
	`code` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `opd`, `day`, `code`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `widget_error_days_day` ON `widget_error_days` (`day`);--> statement-breakpoint
ALTER TABLE `opd_days` ADD `last_view_at` integer;--> statement-breakpoint
ALTER TABLE `opd_days` ADD `last_response_at` integer;