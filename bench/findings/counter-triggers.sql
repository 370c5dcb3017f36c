-- Tried and not recommended (bench/FINDINGS.md): the counter moves of a vote as SQLite triggers on
-- `responses`, so a vote's batch shrinks from 9 statements to 3 (article upsert, response
-- upsert, summary read). Not applied anywhere: worker/storage/responses.ts owns the vote path.
-- An upsert's DO UPDATE fires the UPDATE trigger only when its WHERE lets the update happen,
-- so re-sending the same answer moves nothing, as today. The OPD roll-up counts under the
-- article's own OPD, as the batch does.
CREATE TRIGGER responses_counted AFTER INSERT ON responses BEGIN
  UPDATE articles SET sangat_puas = sangat_puas + (NEW.rating = 4), puas = puas + (NEW.rating = 3),
    cukup_puas = cukup_puas + (NEW.rating = 2), tidak_puas = tidak_puas + (NEW.rating = 1)
  WHERE id = NEW.article_id;
  INSERT INTO article_days (article_id, day, sangat_puas, puas, cukup_puas, tidak_puas)
  VALUES (NEW.article_id, NEW.day, NEW.rating = 4, NEW.rating = 3, NEW.rating = 2, NEW.rating = 1)
  ON CONFLICT (article_id, day) DO UPDATE SET sangat_puas = sangat_puas + excluded.sangat_puas,
    puas = puas + excluded.puas, cukup_puas = cukup_puas + excluded.cukup_puas,
    tidak_puas = tidak_puas + excluded.tidak_puas;
  INSERT INTO opd_days (site_id, opd, day, sangat_puas, puas, cukup_puas, tidak_puas)
  SELECT site_id, opd, NEW.day, NEW.rating = 4, NEW.rating = 3, NEW.rating = 2, NEW.rating = 1
  FROM articles WHERE id = NEW.article_id
  ON CONFLICT (site_id, opd, day) DO UPDATE SET sangat_puas = sangat_puas + excluded.sangat_puas,
    puas = puas + excluded.puas, cukup_puas = cukup_puas + excluded.cukup_puas,
    tidak_puas = tidak_puas + excluded.tidak_puas;
END;

CREATE TRIGGER responses_recounted AFTER UPDATE OF rating ON responses BEGIN
  UPDATE articles SET sangat_puas = sangat_puas - (OLD.rating = 4) + (NEW.rating = 4),
    puas = puas - (OLD.rating = 3) + (NEW.rating = 3),
    cukup_puas = cukup_puas - (OLD.rating = 2) + (NEW.rating = 2),
    tidak_puas = tidak_puas - (OLD.rating = 1) + (NEW.rating = 1)
  WHERE id = NEW.article_id;
  UPDATE article_days SET sangat_puas = sangat_puas - (OLD.rating = 4), puas = puas - (OLD.rating = 3),
    cukup_puas = cukup_puas - (OLD.rating = 2), tidak_puas = tidak_puas - (OLD.rating = 1)
  WHERE article_id = OLD.article_id AND day = OLD.day;
  UPDATE opd_days SET sangat_puas = sangat_puas - (OLD.rating = 4), puas = puas - (OLD.rating = 3),
    cukup_puas = cukup_puas - (OLD.rating = 2), tidak_puas = tidak_puas - (OLD.rating = 1)
  WHERE (site_id, opd) = (SELECT site_id, opd FROM articles WHERE id = OLD.article_id) AND day = OLD.day;
  INSERT INTO article_days (article_id, day, sangat_puas, puas, cukup_puas, tidak_puas)
  VALUES (NEW.article_id, NEW.day, NEW.rating = 4, NEW.rating = 3, NEW.rating = 2, NEW.rating = 1)
  ON CONFLICT (article_id, day) DO UPDATE SET sangat_puas = sangat_puas + excluded.sangat_puas,
    puas = puas + excluded.puas, cukup_puas = cukup_puas + excluded.cukup_puas,
    tidak_puas = tidak_puas + excluded.tidak_puas;
  INSERT INTO opd_days (site_id, opd, day, sangat_puas, puas, cukup_puas, tidak_puas)
  SELECT site_id, opd, NEW.day, NEW.rating = 4, NEW.rating = 3, NEW.rating = 2, NEW.rating = 1
  FROM articles WHERE id = NEW.article_id
  ON CONFLICT (site_id, opd, day) DO UPDATE SET sangat_puas = sangat_puas + excluded.sangat_puas,
    puas = puas + excluded.puas, cukup_puas = cukup_puas + excluded.cukup_puas,
    tidak_puas = tidak_puas + excluded.tidak_puas;
END;
