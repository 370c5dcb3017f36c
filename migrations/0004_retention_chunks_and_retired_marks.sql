CREATE TABLE `retired_marks` (
	`article_id` integer NOT NULL,
	`reader_hash` text NOT NULL,
	`rating` integer NOT NULL,
	`day` text NOT NULL,
	PRIMARY KEY(`article_id`, `reader_hash`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `responses_answered` ON `responses` (`answered_at`);