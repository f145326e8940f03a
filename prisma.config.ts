import { defineConfig } from "prisma/config";

// DATABASE_URL is read from the environment as a plain value (not env()), so
// `prisma generate` also works where it is unset, e.g. during npm install.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
