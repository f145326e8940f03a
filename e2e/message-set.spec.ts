import { createHash } from "node:crypto";
import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { expect, test, userPage } from "./support/fixtures";

test("the secretariat writes a theme's front matter; the published set shows it with every theme, its hash checks out, and it prints without the app", async ({
  browser,
  db,
}) => {
  const event = await makeEvent(db, { themes: ["Security", "Inclusion"] });
  const secretariat = await makeUser(db);
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  const admin = await userPage(browser, secretariat.email, TEST_PASSWORD);
  await admin.goto(`/workspace/events/${event.slug}`);

  await admin.getByText("Front matter of “Security”").click();
  const form = admin.getByRole("form", { name: "Front matter of Security" });
  await form.getByLabel("About the theme (one point per line)").fill("Why trust matters.\nHow networks stay up.");
  await form.getByLabel("9. Industry, Innovation and Infrastructure").check();
  await form.getByLabel("16. Peace, Justice and Strong Institutions").check();
  await form.getByLabel("Associated issues (one tag per line)").fill("Encryption\nCyber attacks");
  const questions = form.getByLabel(/^Policy questions/);
  await questions.fill("Who answers for a failure?");
  await form.getByRole("button", { name: "Save front matter" }).click();
  await expect(form.getByTestId("form-error")).toContainText("start with a heading line");
  await questions.fill("# Trust and accountability\nWho answers for a failure?");
  await form.getByRole("button", { name: "Save front matter" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  // Bad input through the API changes nothing and says why.
  const bad = await admin.request.put(`/api/events/${event.slug}/themes/${event.themes[0].id}/front-matter`, {
    data: { sdgs: [18] },
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toBe("sdgs.0: Goals are numbered 1 to 17.");

  await admin
    .getByRole("form", { name: "Event settings" })
    .getByLabel(/How the messages were developed/)
    .fill("Drawn from the week's sessions.\n\nPublished on Day 3 and Day 4 for comment.");
  await admin.getByRole("form", { name: "Event settings" }).getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByText("Settings saved.")).toBeVisible();
  expect((await admin.request.post(`/api/events/${event.slug}/milestones/day-3/publish`)).status()).toBe(201);

  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`/events/${event.slug}`);
  await reader.getByTestId("message-sets").getByRole("link", { name: "Day 3 draft messages" }).click();
  await expect(reader).toHaveURL(new RegExp(`/events/${event.slug}/messages/day-3$`));
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(`${event.name}: Day 3 draft messages`);
  await expect(reader.getByRole("navigation", { name: "Contents" }).getByRole("link")).toHaveText([
    "How the messages were developed",
    "Security",
    "Inclusion",
  ]);
  await expect(reader.getByText("Published on Day 3 and Day 4 for comment.")).toBeVisible();
  const themes = reader.getByTestId("set-theme");
  await expect(themes.nth(0).getByRole("heading", { level: 2 })).toHaveText("Security");
  await expect(themes.nth(0).getByTestId("front-matter")).toContainText("Why trust matters.");
  await expect(themes.nth(0).getByTestId("front-matter")).toContainText("SDG 16 Peace, Justice and Strong Institutions");
  await expect(themes.nth(0).getByTestId("policy-questions")).toContainText("Who answers for a failure?");
  await expect(themes.nth(1).getByTestId("front-matter")).toHaveCount(0);
  await expect(themes.nth(1).getByText("1.")).toBeVisible();

  // The manifest: the bytes hashed, listing each theme's version hash.
  const hash = await reader.getByTestId("set-hash").textContent();
  const response = await reader.request.get(`/api/public/events/${event.slug}/sets/day-3?download=1`);
  expect(response.headers()["content-disposition"]).toContain(`${event.slug}-day-3-manifest.json`);
  const bytes = await response.body();
  expect(createHash("sha256").update(bytes).digest("hex")).toBe(hash);
  const manifest = JSON.parse(bytes.toString("utf8")) as { themes: { theme: string; sha256: string; versionId: string }[] };
  expect(manifest.themes.map((t) => t.theme)).toEqual(["theme-1", "theme-2"]);
  const version = await reader.request.get(`/api/public/versions/${manifest.themes[0].versionId}?format=json`);
  expect(
    createHash("sha256")
      .update(await version.body())
      .digest("hex"),
  ).toBe(manifest.themes[0].sha256);
  const list = await (await reader.request.get(`/api/public/events/${event.slug}/sets`)).json();
  expect(list.sets).toEqual([expect.objectContaining({ milestone: "day-3", label: "Day 3 draft messages", sha256: hash })]);
  await reader.goto(`/events/${event.slug}/messages/latest`);
  await expect(reader.getByTestId("set-hash")).toHaveText(hash!);

  // After Final, the reader finds the final set from the event page and downloads its booklets:
  // PDF and Word, with meaningful names, the same bytes every time.
  expect((await admin.request.post(`/api/events/${event.slug}/milestones/day-4/publish`)).status()).toBe(201);
  expect((await admin.request.post(`/api/events/${event.slug}/milestones/final/publish`)).status()).toBe(201);
  await reader.goto(`/events/${event.slug}`);
  await reader.getByTestId("message-sets").getByRole("link", { name: "Final messages" }).click();
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(`${event.name}: Final messages`);
  const [pdf] = await Promise.all([reader.waitForEvent("download"), reader.getByRole("link", { name: "Booklet (PDF)" }).click()]);
  expect(pdf.suggestedFilename()).toBe(`${event.slug}-final.pdf`);
  const pdfBytes = await (await import("node:fs/promises")).readFile(await pdf.path());
  expect(pdfBytes.subarray(0, 5).toString()).toBe("%PDF-");
  const [docx] = await Promise.all([
    reader.waitForEvent("download"),
    reader.getByRole("link", { name: "Booklet (Word)" }).click(),
  ]);
  expect(docx.suggestedFilename()).toBe(`${event.slug}-final.docx`);
  const again = await reader.request.get(`/api/public/events/${event.slug}/sets/final/booklet?format=pdf`);
  expect(Buffer.compare(await again.body(), pdfBytes)).toBe(0);
  expect((await reader.request.get(`/api/public/events/${event.slug}/sets/day-3/booklet?format=odt`)).status()).toBe(400);

  // Printing a version page prints the messages, not the app.
  await reader.goto(`/events/${event.slug}/day-3/theme-1`);
  await expect(reader.getByTestId("front-matter")).toContainText("Encryption");
  await reader.emulateMedia({ media: "print" });
  await expect(reader.locator("header.site")).toBeHidden();
  await expect(reader.getByTestId("commenting-note")).toBeHidden();
  await expect(reader.getByRole("heading", { name: "Download and verify" })).toBeHidden();
  await expect(reader.getByText("First message.")).toBeVisible();
  await expect(reader.locator(".document-view .number").first()).toBeVisible();
});
