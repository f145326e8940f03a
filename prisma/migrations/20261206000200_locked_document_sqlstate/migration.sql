-- The refusal of an update to a locked document gets a code of its own
-- (SQLSTATE RP001, our class "RP"), so that the collaboration server tells it
-- from any other failure by its code rather than by its message's words.
CREATE OR REPLACE FUNCTION rapporteur_refuse_update_of_locked_document() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  is_locked boolean;
BEGIN
  SELECT locked INTO is_locked FROM "Document" WHERE id = NEW."documentId" FOR KEY SHARE;
  IF is_locked THEN
    RAISE EXCEPTION 'document % is locked: its text is final', NEW."documentId"
      USING ERRCODE = 'RP001';
  END IF;
  RETURN NEW;
END;
$$;
