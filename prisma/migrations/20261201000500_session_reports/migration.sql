-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "sessionIds" UUID[] DEFAULT ARRAY[]::UUID[];

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "remindedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SessionReporter" (
    "sessionId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionReporter_pkey" PRIMARY KEY ("sessionId","userId")
);

-- CreateTable
CREATE TABLE "SessionReport" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "content" JSONB NOT NULL,
    "dirty" BOOLEAN NOT NULL DEFAULT true,
    "submittedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionReportRevision" (
    "id" UUID NOT NULL,
    "reportId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "submittedById" UUID,
    "submittedByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionReportRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SessionReporter_userId_idx" ON "SessionReporter"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "SessionReport_sessionId_key" ON "SessionReport"("sessionId");

-- CreateIndex
CREATE UNIQUE INDEX "SessionReportRevision_reportId_number_key" ON "SessionReportRevision"("reportId", "number");

-- AddForeignKey
ALTER TABLE "SessionReporter" ADD CONSTRAINT "SessionReporter_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionReporter" ADD CONSTRAINT "SessionReporter_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionReport" ADD CONSTRAINT "SessionReport_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionReportRevision" ADD CONSTRAINT "SessionReportRevision_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "SessionReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A submitted report is what participants and the messages cite: each
-- submission stays as it was filed. Edits make a new revision.
CREATE FUNCTION rapporteur_refuse_report_revision_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'report revisions are kept as submitted: UPDATE on "SessionReportRevision" refused'
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER report_revision_immutable_rows
  BEFORE UPDATE ON "SessionReportRevision"
  FOR EACH ROW EXECUTE FUNCTION rapporteur_refuse_report_revision_change();
