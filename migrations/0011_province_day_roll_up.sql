CREATE TABLE `province_days` (
	`province` text NOT NULL,
	`day` text NOT NULL,
	`sangat_puas` integer DEFAULT 0 NOT NULL,
	`puas` integer DEFAULT 0 NOT NULL,
	`cukup_puas` integer DEFAULT 0 NOT NULL,
	`tidak_puas` integer DEFAULT 0 NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`province`, `day`)
);
--> statement-breakpoint
CREATE INDEX `province_days_sums` ON `province_days` (`province`,`day`,`sangat_puas`,`puas`,`cukup_puas`,`tidak_puas`,`views`);
--> statement-breakpoint
-- Written by hand below (drizzle's schema has no triggers): province_days is the sum of the
-- site_days of every site whose region lies in the province, kept so inside each statement
-- that writes a site's day (itself inside the statement that writes an OPD's day, by the
-- triggers of 0008) or moves a site to another province, so no writer needs a statement of
-- its own and the national view is exact as of the last write (CONTRACT §11).
INSERT INTO province_days (province, day, sangat_puas, puas, cukup_puas, tidak_puas, views)
SELECT substr(s.region, 1, 2), d.day, sum(d.sangat_puas), sum(d.puas), sum(d.cukup_puas),
  sum(d.tidak_puas), sum(d.views)
FROM site_days d JOIN sites s ON s.id = d.site_id
WHERE s.region IS NOT NULL
GROUP BY substr(s.region, 1, 2), d.day;
--> statement-breakpoint
CREATE TRIGGER site_days_added AFTER INSERT ON site_days BEGIN
  INSERT INTO province_days (province, day, sangat_puas, puas, cukup_puas, tidak_puas, views)
  SELECT substr(region, 1, 2), NEW.day, NEW.sangat_puas, NEW.puas, NEW.cukup_puas,
    NEW.tidak_puas, NEW.views
  FROM sites WHERE id = NEW.site_id AND region IS NOT NULL
  ON CONFLICT (province, day) DO UPDATE SET sangat_puas = sangat_puas + excluded.sangat_puas,
    puas = puas + excluded.puas, cukup_puas = cukup_puas + excluded.cukup_puas,
    tidak_puas = tidak_puas + excluded.tidak_puas, views = views + excluded.views;
END;
--> statement-breakpoint
-- The vote path's case: a site's day changed in place, one row of its province changed alike.
CREATE TRIGGER site_days_moved AFTER UPDATE ON site_days
WHEN OLD.site_id = NEW.site_id AND OLD.day = NEW.day BEGIN
  UPDATE province_days SET sangat_puas = sangat_puas - OLD.sangat_puas + NEW.sangat_puas,
    puas = puas - OLD.puas + NEW.puas, cukup_puas = cukup_puas - OLD.cukup_puas + NEW.cukup_puas,
    tidak_puas = tidak_puas - OLD.tidak_puas + NEW.tidak_puas, views = views - OLD.views + NEW.views
  WHERE province = (SELECT substr(region, 1, 2) FROM sites WHERE id = NEW.site_id)
    AND day = NEW.day;
END;
--> statement-breakpoint
-- A site day moved to another day or site (no writer does that today): off the old, onto the new.
CREATE TRIGGER site_days_rekeyed AFTER UPDATE ON site_days
WHEN OLD.site_id <> NEW.site_id OR OLD.day <> NEW.day BEGIN
  UPDATE province_days SET sangat_puas = sangat_puas - OLD.sangat_puas, puas = puas - OLD.puas,
    cukup_puas = cukup_puas - OLD.cukup_puas, tidak_puas = tidak_puas - OLD.tidak_puas,
    views = views - OLD.views
  WHERE province = (SELECT substr(region, 1, 2) FROM sites WHERE id = OLD.site_id)
    AND day = OLD.day;
  INSERT INTO province_days (province, day, sangat_puas, puas, cukup_puas, tidak_puas, views)
  SELECT substr(region, 1, 2), NEW.day, NEW.sangat_puas, NEW.puas, NEW.cukup_puas,
    NEW.tidak_puas, NEW.views
  FROM sites WHERE id = NEW.site_id AND region IS NOT NULL
  ON CONFLICT (province, day) DO UPDATE SET sangat_puas = sangat_puas + excluded.sangat_puas,
    puas = puas + excluded.puas, cukup_puas = cukup_puas + excluded.cukup_puas,
    tidak_puas = tidak_puas + excluded.tidak_puas, views = views + excluded.views;
END;
--> statement-breakpoint
-- When the site itself is being deleted, its row is already gone here (SQLite runs a foreign
-- key's cascade after deleting the parent row): sites_removed has taken its days off before.
CREATE TRIGGER site_days_removed AFTER DELETE ON site_days BEGIN
  UPDATE province_days SET sangat_puas = sangat_puas - OLD.sangat_puas, puas = puas - OLD.puas,
    cukup_puas = cukup_puas - OLD.cukup_puas, tidak_puas = tidak_puas - OLD.tidak_puas,
    views = views - OLD.views
  WHERE province = (SELECT substr(region, 1, 2) FROM sites WHERE id = OLD.site_id)
    AND day = OLD.day;
END;
--> statement-breakpoint
-- An admin gives a site a region, changes it or takes it away: every day of the site leaves
-- the old province and joins the new one in the same statement. A move inside one province
-- (35 → 35.22) changes no province's sum.
CREATE TRIGGER sites_region_changed AFTER UPDATE OF region ON sites
WHEN substr(OLD.region, 1, 2) IS NOT substr(NEW.region, 1, 2) BEGIN
  UPDATE province_days SET sangat_puas = province_days.sangat_puas - d.sangat_puas,
    puas = province_days.puas - d.puas, cukup_puas = province_days.cukup_puas - d.cukup_puas,
    tidak_puas = province_days.tidak_puas - d.tidak_puas, views = province_days.views - d.views
  FROM (SELECT day, sangat_puas, puas, cukup_puas, tidak_puas, views
    FROM site_days WHERE site_id = OLD.id) AS d
  WHERE province_days.province = substr(OLD.region, 1, 2) AND province_days.day = d.day;
  INSERT INTO province_days (province, day, sangat_puas, puas, cukup_puas, tidak_puas, views)
  SELECT substr(NEW.region, 1, 2), day, sangat_puas, puas, cukup_puas, tidak_puas, views
  FROM site_days WHERE site_id = NEW.id AND NEW.region IS NOT NULL
  ON CONFLICT (province, day) DO UPDATE SET sangat_puas = sangat_puas + excluded.sangat_puas,
    puas = puas + excluded.puas, cukup_puas = cukup_puas + excluded.cukup_puas,
    tidak_puas = tidak_puas + excluded.tidak_puas, views = views + excluded.views;
END;
--> statement-breakpoint
CREATE TRIGGER sites_removed BEFORE DELETE ON sites BEGIN
  UPDATE province_days SET sangat_puas = province_days.sangat_puas - d.sangat_puas,
    puas = province_days.puas - d.puas, cukup_puas = province_days.cukup_puas - d.cukup_puas,
    tidak_puas = province_days.tidak_puas - d.tidak_puas, views = province_days.views - d.views
  FROM (SELECT day, sangat_puas, puas, cukup_puas, tidak_puas, views
    FROM site_days WHERE site_id = OLD.id) AS d
  WHERE province_days.province = substr(OLD.region, 1, 2) AND province_days.day = d.day;
END;
