-- AlterTable
ALTER TABLE "Theme" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'en';

