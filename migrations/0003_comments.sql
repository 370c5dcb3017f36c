CREATE TABLE `comment_text_marks` (
	`site_id` text NOT NULL,
	`day` text NOT NULL,
	`hash` text NOT NULL,
	`reader` text NOT NULL,
	PRIMARY KEY(`site_id`, `day`, `hash`, `reader`)
);
--> statement-breakpoint
CREATE INDEX `comment_text_marks_day` ON `comment_text_marks` (`day`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`reader` text NOT NULL,
	`text` text NOT NULL,
	`day` text NOT NULL,
	`created_at` integer NOT NULL,
	`handled` integer DEFAULT 0 NOT NULL,
	`hidden` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`article_id`,`reader`) REFERENCES `responses`(`article_id`,`reader`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comments_response` ON `comments` (`article_id`,`reader`);--> statement-breakpoint
CREATE INDEX `comments_day` ON `comments` (`day`);--> statement-breakpoint
CREATE INDEX `comments_created` ON `comments` (`created_at`);