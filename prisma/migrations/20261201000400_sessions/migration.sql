-- The programme: sessions of an event, and the sub-themes of its themes.
-- CreateEnum
CREATE TYPE "SessionType" AS ENUM ('MAIN', 'WORKSHOP', 'OPEN_FORUM', 'DYNAMIC_COALITION', 'NRI', 'BEST_PRACTICE_FORUM', 'INTRODUCTORY', 'CONCLUDING', 'OTHER');

-- CreateTable
CREATE TABLE "SubTheme" (
    "id" UUID NOT NULL,
    "themeId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "facilitator" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SubTheme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "themeId" UUID,
    "title" TEXT NOT NULL,
    "type" "SessionType" NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "room" TEXT NOT NULL DEFAULT '',
    "organisers" JSONB NOT NULL DEFAULT '[]',
    "rapporteurs" JSONB NOT NULL DEFAULT '[]',
    "description" TEXT NOT NULL DEFAULT '',
    "agenda" TEXT NOT NULL DEFAULT '',
    "link" TEXT NOT NULL DEFAULT '',
    "subThemeIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SubTheme_themeId_name_key" ON "SubTheme"("themeId", "name");

-- CreateIndex
CREATE INDEX "Session_eventId_startsAt_idx" ON "Session"("eventId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Session_eventId_title_startsAt_key" ON "Session"("eventId", "title", "startsAt");

-- AddForeignKey
ALTER TABLE "SubTheme" ADD CONSTRAINT "SubTheme_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

