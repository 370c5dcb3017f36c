CREATE TABLE `skm_devices` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`service` text NOT NULL,
	`label` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `skm_devices_hash` ON `skm_devices` (`hash`);--> statement-breakpoint
CREATE INDEX `skm_devices_service` ON `skm_devices` (`site_id`,`service`);--> statement-breakpoint
ALTER TABLE `skm_submissions` ADD `device` text;--> statement-breakpoint
CREATE INDEX `skm_submissions_kiosk` ON `skm_submissions` (`site_id`,`service`,`respondent_hash`) WHERE device IS NOT NULL;