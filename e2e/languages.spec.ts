import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { IntlMessageFormat } from "intl-messageformat";
import { documentJsonToUpdate } from "@/lib/documents";
import { publishMilestone } from "@/lib/publishing/publish";
import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { catalogue } from "./support/catalogues";
import { expect, signIn, test } from "./support/fixtures";

const ar = catalogue("ar");
const fr = catalogue("fr");

/** WCAG 2.2 AA violations of the page as it is, in whatever language it is in. */
async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return results.violations.map((v) => v.id);
}

/** Where the header's navigation sits: the share of the page's width left of its centre (0 = far left, 1 = far right). */
async function navPosition(page: Page): Promise<number> {
  const box = (await page.locator("header.site nav").boundingBox())!;
  const width = page.viewportSize()!.width;
  return (box.x + box.width / 2) / width;
}

test("an Arabic reader gets the interface right to left, the navigation on the right and dates in Arabic; the messages keep their language", async ({
  browser,
  db,
}) => {
  const event = await makeEvent(db, { themes: ["Security"] });
  const rapporteur = await makeUser(db, { name: "Rania Rapporteur" });
  await addMember(db, rapporteur.id, event.id, "RAPPORTEUR");
  await db.document.update({
    where: { id: event.themes[0].document!.id },
    data: {
      state: documentJsonToUpdate({
        type: "doc",
        content: [
          { type: "heading", attrs: { sectionId: "s-1" }, content: [{ type: "text", text: "Trust" }] },
          {
            type: "message",
            attrs: { messageId: "m-1" },
            content: [{ type: "paragraph", content: [{ type: "text", text: "Trust is built over time." }] }],
          },
        ],
      }),
    },
  });
  await publishMilestone(event.id, "DAY3", null, new Date(), db);

  const english = await (await browser.newContext({ locale: "en-GB" })).newPage();
  await english.goto(`/events/${event.slug}`);
  await expect(english.locator("html")).toHaveAttribute("dir", "ltr");
  expect(await navPosition(english)).toBeLessThan(0.5);

  const context = await browser.newContext({ locale: "ar-EG" });
  const page = await context.newPage();
  await page.goto(`/events/${event.slug}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("link", { name: ar.eventPage.stableLink })).toBeVisible();
  // Mirrored: the navigation next to the name, at the start of the line, which in Arabic is the right.
  expect(await navPosition(page)).toBeGreaterThan(0.5);
  // Dates in Arabic: the month by its Arabic name, in the event's time zone.
  const published = page.locator(`[data-testid="theme-${event.themes[0].slug}"] time`).first();
  await expect(published).toHaveText(/[\u0600-\u06FF]/);
  const englishTime = await english.locator(`[data-testid="theme-${event.themes[0].slug}"] time`).first().textContent();
  expect(englishTime).toMatch(/\d{4}/);
  expect(await published.textContent()).not.toBe(englishTime);

  // The published message stays in English, marked as such inside the right-to-left page.
  await page.goto(`/events/${event.slug}/day-3/${event.themes[0].slug}`);
  const message = page.locator(".message-text").first();
  await expect(message).toHaveAttribute("lang", "en");
  await expect(message).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { name: ar.versionPage.downloadVerify })).toBeVisible();
  expect(await axe(page)).toEqual([]);

  // Signed in (through the Arabic sign-in form), the workspace is Arabic and mirrored too.
  await page.goto("/signin");
  await page.getByLabel(ar.signIn.email).fill(rapporteur.email);
  await page.getByLabel(ar.signIn.password).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: ar.signIn.submit }).click();
  await expect(page).toHaveURL(/\/workspace/);
  await page.goto("/workspace");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ar.workspace.heading);
  await expect(
    page.getByRole("navigation", { name: ar.nav.workspaceLabel }).getByRole("link", { name: ar.nav.home }),
  ).toBeVisible();
  expect(await navPosition(page)).toBeGreaterThan(0.5);
  expect(await axe(page)).toEqual([]);
});

test("a secretariat member switches to French: the publish confirmation is in French, and the choice follows them to another browser", async ({
  browser,
  db,
}) => {
  const event = await makeEvent(db, { themes: ["One"] });
  const secretariat = await makeUser(db);
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await signIn(page, secretariat.email, TEST_PASSWORD);
  await page.goto(`/workspace/events/${event.slug}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("form", { name: "Day 3 time" }).getByLabel("Day 3", { exact: true }).fill("2030-01-01T09:00");

  // Switched with the keyboard; the page re-renders in place.
  const switcher = page.getByTestId("locale-switcher");
  await switcher.focus();
  await switcher.selectOption("fr");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  const day3 = new IntlMessageFormat(fr.schedule.milestone, "fr").format({ slug: "day3" }) as string;
  const form = page.getByRole("form", {
    name: new IntlMessageFormat(fr.schedule.timeOf, "fr").format({ label: day3 }) as string,
  });
  await expect(form).toBeVisible();
  // What was typed before the switch is still there.
  await expect(form.locator("input")).toHaveValue("2030-01-01T09:00");
  const expected = new IntlMessageFormat(fr.schedule.confirmPublish, "fr").format({
    label: day3,
    list: "• One",
    final: "no",
  }) as string;
  let shown = "";
  page.once("dialog", async (dialog) => {
    shown = dialog.message();
    await dialog.dismiss();
  });
  await form.getByRole("button", { name: fr.schedule.publishNow }).click();
  await expect.poll(() => shown).toBe(expected);
  expect(shown).not.toContain("Publish");
  expect(await db.version.count({ where: { milestone: { eventId: event.id } } })).toBe(0);

  // Kept on the account: another browser, set to English, opens in French once signed in.
  expect((await db.user.findUniqueOrThrow({ where: { id: secretariat.id } })).locale).toBe("fr");
  const elsewhere = await (await browser.newContext({ locale: "en-US" })).newPage();
  await signIn(elsewhere, secretariat.email, TEST_PASSWORD);
  await elsewhere.goto("/workspace");
  await expect(elsewhere.locator("html")).toHaveAttribute("lang", "fr");
  await expect(elsewhere.getByRole("heading", { level: 1 })).toHaveText(fr.workspace.heading);

  // A bad language changes nothing.
  const refused = await elsewhere.request.put("/api/locale", { data: { locale: "xx" } });
  expect(refused.status()).toBe(400);
  expect((await db.user.findUniqueOrThrow({ where: { id: secretariat.id } })).locale).toBe("fr");
});
