CREATE TABLE `opd_days` (
	`site_id` text NOT NULL,
	`opd` text NOT NULL,
	`day` text NOT NULL,
	`sangat_puas` integer DEFAULT 0 NOT NULL,
	`puas` integer DEFAULT 0 NOT NULL,
	`cukup_puas` integer DEFAULT 0 NOT NULL,
	`tidak_puas` integer DEFAULT 0 NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `opd`, `day`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `opd_days_day` ON `opd_days` (`day`);--> statement-breakpoint
CREATE TABLE `tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`role` text NOT NULL,
	`site_id` text,
	`opd` text,
	`label` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tokens_hash` ON `tokens` (`hash`);--> statement-breakpoint
CREATE INDEX `tokens_site` ON `tokens` (`site_id`);--> statement-breakpoint
-- Hand-added: fill the new OPD roll-up from the article roll-up already there, so the
-- invariant (an OPD's days add up to its articles' days) holds from the first request on.
INSERT INTO `opd_days` (`site_id`, `opd`, `day`, `sangat_puas`, `puas`, `cukup_puas`, `tidak_puas`, `views`)
SELECT a.`site_id`, a.`opd`, d.`day`, sum(d.`sangat_puas`), sum(d.`puas`), sum(d.`cukup_puas`),
	sum(d.`tidak_puas`), sum(d.`views`)
FROM `article_days` d JOIN `articles` a ON a.`id` = d.`article_id`
GROUP BY a.`site_id`, a.`opd`, d.`day`;
