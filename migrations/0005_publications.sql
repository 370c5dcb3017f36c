CREATE TABLE `publication_parts` (
	`publication_id` text NOT NULL,
	`part` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`publication_id`, `part`),
	FOREIGN KEY (`publication_id`) REFERENCES `publications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `publications` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`opd` text,
	`period` text NOT NULL,
	`from_day` text NOT NULL,
	`to_day` text NOT NULL,
	`published_at` text NOT NULL,
	`sha256` text NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `publications_opd_period` ON `publications` (`site_id`,`opd`,`period`);--> statement-breakpoint
CREATE UNIQUE INDEX `publications_site_period` ON `publications` (`site_id`,`period`) WHERE opd IS NULL;--> statement-breakpoint
CREATE INDEX `publications_site` ON `publications` (`site_id`,`from_day`);