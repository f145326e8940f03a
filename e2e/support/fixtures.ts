import { expect, test as base, type Browser, type Page } from "@playwright/test";
import { createDb, type Db } from "@/lib/db";

/** Tests make their own users and events straight in the e2e database. */
export const test = base.extend<object, { db: Db }>({
  db: [
    // Playwright reads a fixture's dependencies from this destructuring; the database needs none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const db = createDb(process.env.E2E_DATABASE_URL!);
      await use(db);
      await db.$disconnect();
    },
    { scope: "worker" },
  ],
});

export { expect };

/** The first link to `path` in the newest mail the app sent to `to` (waits for it to arrive). */
export async function mailedLink(to: string, path: string): Promise<string> {
  const { readFileSync, existsSync } = await import("node:fs");
  const { E2E_MAIL_FILE } = await import("./env");
  let link: string | undefined;
  await expect
    .poll(
      () => {
        if (!existsSync(E2E_MAIL_FILE)) return undefined;
        const mails = readFileSync(E2E_MAIL_FILE, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { to: string; text: string });
        const mail = mails.reverse().find((m) => m.to.includes(to));
        link = mail?.text.match(new RegExp(`https?://\\S*${path}\\S*`))?.[0];
        return link;
      },
      { message: `a mail to ${to} with a link to ${path}` },
    )
    .toBeTruthy();
  return link!;
}

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

/** Cuts or restores the TCP proxy between browsers and the collaboration server. */
export async function collabNetwork(state: "cut" | "restore") {
  const { E2E_PROXY_CONTROL_PORT } = await import("./env");
  await fetch(`http://127.0.0.1:${E2E_PROXY_CONTROL_PORT}/${state}`, { method: "POST" });
}

/** Types at the end of the first message of the open editor. */
export async function typeInFirstMessage(page: Page, text: string) {
  const paragraph = page.locator(".ProseMirror [data-message-id] p").first();
  const box = (await paragraph.boundingBox())!;
  // The paragraph spans the line: a click at its right edge puts the caret after its last character.
  await paragraph.click({ position: { x: box.width - 2, y: box.height / 2 } });
  await page.keyboard.type(text);
}
