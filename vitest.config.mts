import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL(".", import.meta.url)) },
  },
  test: {
    include: ["{lib,server,scripts,prisma,app,components,bench}/**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next*/**", ".data/**"],
    environment: "node",
    globalSetup: ["./lib/testing/global-setup.ts"],
    setupFiles: ["./lib/testing/setup-file.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ["default", "json"],
    outputFile: { json: ".data/reports/vitest.json" },
  },
});
