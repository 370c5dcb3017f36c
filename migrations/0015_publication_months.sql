CREATE TABLE `publication_months` (
	`publication_id` text NOT NULL,
	`month` text NOT NULL,
	`opd` text NOT NULL,
	`name` text,
	`sangat_puas` integer NOT NULL,
	`puas` integer NOT NULL,
	`cukup_puas` integer NOT NULL,
	`tidak_puas` integer NOT NULL,
	`total` integer NOT NULL,
	`views` integer NOT NULL,
	`ikm` real,
	`grade` text,
	`sample_adequate` integer NOT NULL,
	PRIMARY KEY(`publication_id`, `month`, `opd`),
	FOREIGN KEY (`publication_id`) REFERENCES `publications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- The month rows of the publications made before this table: taken from each frozen text,
-- its parts joined in order first (a text may be stored in several).
WITH RECURSIVE joined(id, part, text) AS (
	SELECT publication_id, part, text FROM publication_parts WHERE part = 0
	UNION ALL
	SELECT j.id, p.part, j.text || p.text FROM joined j
	JOIN publication_parts p ON p.publication_id = j.id AND p.part = j.part + 1
), whole(id, text) AS (
	SELECT id, text FROM joined j WHERE NOT EXISTS (
		SELECT 1 FROM publication_parts q WHERE q.publication_id = j.id AND q.part = j.part + 1)
)
INSERT INTO `publication_months` (`publication_id`, `month`, `opd`, `name`, `sangat_puas`,
	`puas`, `cukup_puas`, `tidak_puas`, `total`, `views`, `ikm`, `grade`, `sample_adequate`)
SELECT w.id, json_extract(m.value, '$.month'), json_extract(m.value, '$.opd'),
	json_extract(m.value, '$.name'), json_extract(m.value, '$.counts.sangat_puas'),
	json_extract(m.value, '$.counts.puas'), json_extract(m.value, '$.counts.cukup_puas'),
	json_extract(m.value, '$.counts.tidak_puas'), json_extract(m.value, '$.total'),
	json_extract(m.value, '$.views'), json_extract(m.value, '$.ikm'),
	json_extract(m.value, '$.grade'), json_extract(m.value, '$.sample_adequate')
FROM whole w, json_each(w.text, '$.figures.months') m;
