-- site_days (0007) is the sum of the site's opd_days rows per day (issue 15: the national view
-- reads one row per site and day). These triggers keep it so inside every statement that
-- writes opd_days, whoever writes it (the vote batch, views, a Durable Object's flush, spam
-- exclusion, OPD merges and deletes), so it is exact as of the last write and needs no
-- statement of its own in any of them. Written by hand: drizzle's schema has no triggers.
INSERT INTO site_days (site_id, day, sangat_puas, puas, cukup_puas, tidak_puas, views)
SELECT site_id, day, sum(sangat_puas), sum(puas), sum(cukup_puas), sum(tidak_puas), sum(views)
FROM opd_days GROUP BY site_id, day;
--> statement-breakpoint
CREATE TRIGGER opd_days_added AFTER INSERT ON opd_days BEGIN
  INSERT INTO site_days (site_id, day, sangat_puas, puas, cukup_puas, tidak_puas, views)
  VALUES (NEW.site_id, NEW.day, NEW.sangat_puas, NEW.puas, NEW.cukup_puas, NEW.tidak_puas, NEW.views)
  ON CONFLICT (site_id, day) DO UPDATE SET sangat_puas = sangat_puas + excluded.sangat_puas,
    puas = puas + excluded.puas, cukup_puas = cukup_puas + excluded.cukup_puas,
    tidak_puas = tidak_puas + excluded.tidak_puas, views = views + excluded.views;
END;
--> statement-breakpoint
CREATE TRIGGER opd_days_moved AFTER UPDATE ON opd_days
WHEN OLD.site_id = NEW.site_id AND OLD.day = NEW.day BEGIN
  UPDATE site_days SET sangat_puas = sangat_puas - OLD.sangat_puas + NEW.sangat_puas,
    puas = puas - OLD.puas + NEW.puas, cukup_puas = cukup_puas - OLD.cukup_puas + NEW.cukup_puas,
    tidak_puas = tidak_puas - OLD.tidak_puas + NEW.tidak_puas, views = views - OLD.views + NEW.views
  WHERE site_id = NEW.site_id AND day = NEW.day;
END;
--> statement-breakpoint
-- A row moved to another day or site (no writer does that today): off the old, onto the new.
CREATE TRIGGER opd_days_rekeyed AFTER UPDATE ON opd_days
WHEN OLD.site_id <> NEW.site_id OR OLD.day <> NEW.day BEGIN
  UPDATE site_days SET sangat_puas = sangat_puas - OLD.sangat_puas, puas = puas - OLD.puas,
    cukup_puas = cukup_puas - OLD.cukup_puas, tidak_puas = tidak_puas - OLD.tidak_puas,
    views = views - OLD.views
  WHERE site_id = OLD.site_id AND day = OLD.day;
  INSERT INTO site_days (site_id, day, sangat_puas, puas, cukup_puas, tidak_puas, views)
  VALUES (NEW.site_id, NEW.day, NEW.sangat_puas, NEW.puas, NEW.cukup_puas, NEW.tidak_puas, NEW.views)
  ON CONFLICT (site_id, day) DO UPDATE SET sangat_puas = sangat_puas + excluded.sangat_puas,
    puas = puas + excluded.puas, cukup_puas = cukup_puas + excluded.cukup_puas,
    tidak_puas = tidak_puas + excluded.tidak_puas, views = views + excluded.views;
END;
--> statement-breakpoint
CREATE TRIGGER opd_days_removed AFTER DELETE ON opd_days BEGIN
  UPDATE site_days SET sangat_puas = sangat_puas - OLD.sangat_puas, puas = puas - OLD.puas,
    cukup_puas = cukup_puas - OLD.cukup_puas, tidak_puas = tidak_puas - OLD.tidak_puas,
    views = views - OLD.views
  WHERE site_id = OLD.site_id AND day = OLD.day;
END;
