CREATE TABLE `webhook_comment_queue` (
	`webhook_id` text NOT NULL,
	`comment_id` integer NOT NULL,
	`queued_at` integer NOT NULL,
	`changed_at` integer NOT NULL,
	PRIMARY KEY(`webhook_id`, `comment_id`),
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_comment_queue_comment` ON `webhook_comment_queue` (`comment_id`);