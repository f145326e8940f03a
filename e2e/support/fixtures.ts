import { expect, test as base, type Browser, type Page } from "@playwright/test";
import { createDb, type Db } from "@/lib/db";

/** Tests make their own users and events straight in the e2e database. */
export const test = base.extend<object, { db: Db }>({
  db: [
    async ({}, use) => {
      const db = createDb(process.env.E2E_DATABASE_URL!);
      await use(db);
      await db.$disconnect();
    },
    { scope: "worker" },
  ],
});

export { expect };

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/workspace/);
}

/** A fresh browser context (its own cookies) signed in as the user. */
export async function userPage(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}
