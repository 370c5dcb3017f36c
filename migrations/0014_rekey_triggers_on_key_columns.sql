-- The «rekeyed» triggers (0008, 0011) fire only when a row's site or day changes, which no
-- writer does today. As plain AFTER UPDATE triggers SQLite compiled them, and the site_days
-- and province_days statements nested in them, into every statement that updates opd_days —
-- the vote's and the view's included. With a column list (UPDATE OF site_id, day) they are
-- compiled only into a statement that sets one of those columns: the same sums, exact as
-- before, and the vote's upsert into opd_days about half the program (bench/FINDINGS.md).
-- Written by hand, like 0008 and 0011: drizzle's schema has no triggers.
DROP TRIGGER opd_days_rekeyed;
--> statement-breakpoint
CREATE TRIGGER opd_days_rekeyed AFTER UPDATE OF site_id, day ON opd_days
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
DROP TRIGGER site_days_rekeyed;
--> statement-breakpoint
CREATE TRIGGER site_days_rekeyed AFTER UPDATE OF site_id, day ON site_days
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
