CREATE TABLE `site_days` (
	`site_id` text NOT NULL,
	`day` text NOT NULL,
	`sangat_puas` integer DEFAULT 0 NOT NULL,
	`puas` integer DEFAULT 0 NOT NULL,
	`cukup_puas` integer DEFAULT 0 NOT NULL,
	`tidak_puas` integer DEFAULT 0 NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `day`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `site_days_sums` ON `site_days` (`site_id`,`day`,`sangat_puas`,`puas`,`cukup_puas`,`tidak_puas`,`views`);