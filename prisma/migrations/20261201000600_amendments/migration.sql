-- CreateEnum
CREATE TYPE "ThreadKind" AS ENUM ('COMMENT', 'AMENDMENT');

-- AlterTable
ALTER TABLE "CommentThread" ADD COLUMN     "appliedAt" TIMESTAMP(3),
ADD COLUMN     "appliedBy" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "appliedMessageId" TEXT,
ADD COLUMN     "appliedText" TEXT,
ADD COLUMN     "kind" "ThreadKind" NOT NULL DEFAULT 'COMMENT',
ADD COLUMN     "newMessage" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "proposedText" TEXT;

