ALTER TABLE `sites` ADD `region` text;--> statement-breakpoint
CREATE INDEX `sites_region` ON `sites` (`region`);--> statement-breakpoint
ALTER TABLE `tokens` ADD `region` text;