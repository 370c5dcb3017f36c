CREATE TABLE `skm_days` (
	`site_id` text NOT NULL,
	`service` text NOT NULL,
	`day` text NOT NULL,
	`respondents` integer DEFAULT 0 NOT NULL,
	`persyaratan_1` integer DEFAULT 0 NOT NULL,
	`persyaratan_2` integer DEFAULT 0 NOT NULL,
	`persyaratan_3` integer DEFAULT 0 NOT NULL,
	`persyaratan_4` integer DEFAULT 0 NOT NULL,
	`prosedur_1` integer DEFAULT 0 NOT NULL,
	`prosedur_2` integer DEFAULT 0 NOT NULL,
	`prosedur_3` integer DEFAULT 0 NOT NULL,
	`prosedur_4` integer DEFAULT 0 NOT NULL,
	`waktu_1` integer DEFAULT 0 NOT NULL,
	`waktu_2` integer DEFAULT 0 NOT NULL,
	`waktu_3` integer DEFAULT 0 NOT NULL,
	`waktu_4` integer DEFAULT 0 NOT NULL,
	`biaya_1` integer DEFAULT 0 NOT NULL,
	`biaya_2` integer DEFAULT 0 NOT NULL,
	`biaya_3` integer DEFAULT 0 NOT NULL,
	`biaya_4` integer DEFAULT 0 NOT NULL,
	`produk_1` integer DEFAULT 0 NOT NULL,
	`produk_2` integer DEFAULT 0 NOT NULL,
	`produk_3` integer DEFAULT 0 NOT NULL,
	`produk_4` integer DEFAULT 0 NOT NULL,
	`kompetensi_1` integer DEFAULT 0 NOT NULL,
	`kompetensi_2` integer DEFAULT 0 NOT NULL,
	`kompetensi_3` integer DEFAULT 0 NOT NULL,
	`kompetensi_4` integer DEFAULT 0 NOT NULL,
	`perilaku_1` integer DEFAULT 0 NOT NULL,
	`perilaku_2` integer DEFAULT 0 NOT NULL,
	`perilaku_3` integer DEFAULT 0 NOT NULL,
	`perilaku_4` integer DEFAULT 0 NOT NULL,
	`sarana_1` integer DEFAULT 0 NOT NULL,
	`sarana_2` integer DEFAULT 0 NOT NULL,
	`sarana_3` integer DEFAULT 0 NOT NULL,
	`sarana_4` integer DEFAULT 0 NOT NULL,
	`pengaduan_1` integer DEFAULT 0 NOT NULL,
	`pengaduan_2` integer DEFAULT 0 NOT NULL,
	`pengaduan_3` integer DEFAULT 0 NOT NULL,
	`pengaduan_4` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `service`, `day`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `skm_days_day` ON `skm_days` (`day`);--> statement-breakpoint
CREATE TABLE `skm_profile_days` (
	`site_id` text NOT NULL,
	`service` text NOT NULL,
	`day` text NOT NULL,
	`field` text NOT NULL,
	`value` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`site_id`, `service`, `day`, `field`, `value`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `skm_services` (
	`site_id` text NOT NULL,
	`slug` text NOT NULL,
	`opd` text NOT NULL,
	`name` text NOT NULL,
	`population` integer,
	`wording` text,
	`created_at` integer NOT NULL,
	`retired_at` integer,
	PRIMARY KEY(`site_id`, `slug`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `skm_services_opd` ON `skm_services` (`site_id`,`opd`);--> statement-breakpoint
CREATE TABLE `skm_submissions` (
	`site_id` text NOT NULL,
	`service` text NOT NULL,
	`day` text NOT NULL,
	`respondent_hash` text NOT NULL,
	`persyaratan` integer NOT NULL,
	`prosedur` integer NOT NULL,
	`waktu` integer NOT NULL,
	`biaya` integer NOT NULL,
	`produk` integer NOT NULL,
	`kompetensi` integer NOT NULL,
	`perilaku` integer NOT NULL,
	`sarana` integer NOT NULL,
	`pengaduan` integer NOT NULL,
	`jenis_kelamin` text,
	`usia` text,
	`pendidikan` text,
	`pekerjaan` text,
	`saran` text,
	`flagged` integer DEFAULT 0 NOT NULL,
	`submitted_at` integer NOT NULL,
	PRIMARY KEY(`site_id`, `service`, `day`, `respondent_hash`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `skm_submissions_day` ON `skm_submissions` (`day`);