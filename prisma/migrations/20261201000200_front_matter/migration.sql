-- Theme front matter (frozen into every version), the event's "how the messages were developed" text,
-- and the manifest of each published message set.
ALTER TABLE "Event" ADD COLUMN "messagesMethod" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Theme" ADD COLUMN "frontMatter" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "Milestone" ADD COLUMN "setManifest" TEXT, ADD COLUMN "setSha256" TEXT;
