CREATE TABLE `skm_publications` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`scope` text NOT NULL,
	`opd` text,
	`service` text,
	`period` text NOT NULL,
	`from_day` text NOT NULL,
	`to_day` text NOT NULL,
	`published_at` text NOT NULL,
	`sha256` text NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `skm_publications_scope_period` ON `skm_publications` (`site_id`,`scope`,`period`);--> statement-breakpoint
CREATE INDEX `skm_publications_site` ON `skm_publications` (`site_id`,`from_day`);