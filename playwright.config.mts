import { defineConfig, devices } from "@playwright/test";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumForTests } from "./e2e/support/chromium";
import { E2E_BASE_URL } from "./e2e/support/env";

const root = path.dirname(fileURLToPath(import.meta.url));
const browser = await chromiumForTests(root);

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/support/global-setup.ts",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Several browsers, the app, the collaboration server and Postgres share two cores: a long
  // multi-user story can take three times its quiet-machine time (22 s) when the other worker is busy.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  reporter: [["list"], ["json", { outputFile: ".data/reports/playwright.json" }]],
  outputDir: ".data/playwright-results",
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: browser.executablePath,
      env: { ...process.env, ...browser.env },
      args: [
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: /\.(serial|alone)\.spec\.ts$/ },
    // Tests that cut the collaboration server or lock the update log for everyone run alone, after the rest.
    {
      name: "serial",
      use: { ...devices["Desktop Chrome"] },
      testMatch: /\.serial\.spec\.ts$/,
      dependencies: ["chromium"],
      fullyParallel: false,
    },
    // Tests that count every write to the database run last, with nothing else running.
    {
      name: "alone",
      use: { ...devices["Desktop Chrome"] },
      testMatch: /\.alone\.spec\.ts$/,
      dependencies: ["serial"],
      fullyParallel: false,
    },
  ],
});
