-- An edit is either in the Final version or refused, never stored and missing.
-- The freeze locks each document row FOR UPDATE before it reads the update log
-- (lib/publishing/publish.ts). This check locks the same row FOR KEY SHARE,
-- which waits on that lock; once the freeze commits it reads the row again and
-- sees it locked. An insert that took its share first makes the freeze wait
-- until it commits, and the freeze then finds the update in the log.
CREATE OR REPLACE FUNCTION rapporteur_refuse_update_of_locked_document() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  is_locked boolean;
BEGIN
  SELECT locked INTO is_locked FROM "Document" WHERE id = NEW."documentId" FOR KEY SHARE;
  IF is_locked THEN
    RAISE EXCEPTION 'document % is locked: its text is final', NEW."documentId"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
