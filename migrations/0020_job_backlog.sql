CREATE TABLE `job_backlog` (
	`job` text PRIMARY KEY NOT NULL,
	`since` integer NOT NULL
);
