-- Booklets of published versions and message sets, kept once generated: like
-- the versions they reproduce, they never change (the database refuses it).
CREATE TABLE "Booklet" (
    "key" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Booklet_pkey" PRIMARY KEY ("key")
);

CREATE FUNCTION rapporteur_refuse_booklet_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'booklets are immutable: % on "Booklet" refused', TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER booklet_immutable_rows
  BEFORE UPDATE OR DELETE ON "Booklet"
  FOR EACH ROW EXECUTE FUNCTION rapporteur_refuse_booklet_change();
