-- A published version is a citable record: once written it never changes.
-- The database itself refuses UPDATE, DELETE and TRUNCATE on "Version", so no
-- code path (nor a hand-typed SQL statement) can alter what was published.
CREATE FUNCTION rapporteur_refuse_version_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'versions are immutable: % on "Version" refused', TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER version_immutable_rows
  BEFORE UPDATE OR DELETE ON "Version"
  FOR EACH ROW EXECUTE FUNCTION rapporteur_refuse_version_change();

CREATE TRIGGER version_immutable_truncate
  BEFORE TRUNCATE ON "Version"
  FOR EACH STATEMENT EXECUTE FUNCTION rapporteur_refuse_version_change();

-- Once Final locks a document, no edit may be stored after it, whichever
-- process tries: an update that lost the race to the lock is refused here.
CREATE FUNCTION rapporteur_refuse_update_of_locked_document() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "Document" WHERE id = NEW."documentId" AND locked) THEN
    RAISE EXCEPTION 'document % is locked: its text is final', NEW."documentId"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER document_update_refused_when_locked
  BEFORE INSERT ON "DocumentUpdate"
  FOR EACH ROW EXECUTE FUNCTION rapporteur_refuse_update_of_locked_document();
