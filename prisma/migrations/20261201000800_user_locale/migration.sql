-- The interface language a user chose; null follows the browser.
ALTER TABLE "User" ADD COLUMN     "locale" TEXT;
