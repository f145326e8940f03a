import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { expect, test, typeInFirstMessage, userPage } from "./support/fixtures";

const HEADER = "title,type,date,start,end,room,theme\n";

test("a session's report feeds a message: imported programme, filed report, a recommendation attached while another rapporteur edits, traced in public after Day 4", async ({
  browser,
  db,
}) => {
  test.setTimeout(120_000);
  const event = await makeEvent(db, { themes: ["Security"] });
  const secretariat = await makeUser(db, { name: "Sam Secretariat" });
  const reporter = await makeUser(db, { name: "Rhea Reporter" });
  const rapporteurA = await makeUser(db, { name: "Ada Rapporteur" });
  const rapporteurB = await makeUser(db, { name: "Bo Rapporteur" });
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  await addMember(db, reporter.id, event.id, "PARTICIPANT");
  await addMember(db, rapporteurA.id, event.id, "RAPPORTEUR");
  await addMember(db, rapporteurB.id, event.id, "RAPPORTEUR");

  // The secretariat imports the programme and assigns the reporter.
  const admin = await userPage(browser, secretariat.email, TEST_PASSWORD);
  await admin.goto(`/workspace/events/${event.slug}`);
  const importer = admin.getByRole("form", { name: "Import sessions" });
  await importer
    .getByLabel("or paste it")
    .fill(
      HEADER +
        "Workshop on incident reporting,Workshop,2026-11-26,09:00,10:30,Room 1,theme-1\nOpen forum on keys,Open forum,2026-11-26,11:00,12:00,Room 2,theme-1\n",
    );
  await importer.getByRole("button", { name: "Import sessions" }).click();
  await expect(admin.getByText("2 sessions imported.")).toBeVisible();
  await admin.getByRole("link", { name: "Session reports" }).first().click();
  await admin
    .getByLabel("Reporters of Workshop on incident reporting")
    .selectOption({ label: `Rhea Reporter (${reporter.email})` });
  await admin.getByRole("button", { name: "Save reporters" }).click();
  await expect(admin.getByRole("button", { name: "Save reporters" })).toHaveCount(0);

  // The reporter files the report, part by part.
  const filer = await userPage(browser, reporter.email, TEST_PASSWORD);
  await filer.goto(`/workspace/events/${event.slug}`);
  await filer.getByRole("link", { name: "Workshop on incident reporting" }).click();
  const form = filer.getByRole("form", { name: "Session report" });
  const part = (name: RegExp) => form.getByRole("group", { name });
  await part(/^1\. Key policy questions/)
    .getByRole("textbox")
    .fill("How fast should incidents be disclosed?");
  await part(/^2\. Summary/)
    .getByRole("textbox")
    .fill("Operators and regulators compared disclosure rules.");
  await part(/^3\. Policy recommendations/)
    .getByRole("button", { name: "Add a recommendation" })
    .click();
  await part(/^3\. Policy recommendations/)
    .getByLabel("Recommendation 1", { exact: true })
    .fill("Publish incident reports within a month.");
  await part(/^3\. Policy recommendations/)
    .getByRole("button", { name: "Add a recommendation" })
    .click();
  await part(/^3\. Policy recommendations/)
    .getByLabel("Recommendation 2", { exact: true })
    .fill("Share indicators between response teams.");
  await part(/^4\. Other initiatives/)
    .getByLabel("Does not apply")
    .check();
  await part(/^4\. Other initiatives/)
    .getByLabel(/does not apply$/)
    .fill("No other initiative was named.");
  await part(/^5\. Making progress/)
    .getByRole("textbox")
    .fill("A joint template by next year.");
  await part(/^6\. Estimated participation/)
    .getByLabel("People on site")
    .fill("60");
  await part(/^6\. Estimated participation/)
    .getByLabel("of whom women")
    .fill("25");
  await part(/^6\. Estimated participation/)
    .getByLabel("People online")
    .fill("14");
  await part(/^7\. Reflection on gender/)
    .getByRole("textbox")
    .fill("Not discussed.");
  await part(/^8\. Session outputs/)
    .getByRole("button", { name: "Add an output" })
    .click();
  await part(/^8\. Session outputs/)
    .getByLabel("Label")
    .fill("Recording");
  await part(/^8\. Session outputs/)
    .getByLabel("Address")
    .fill("https://example.org/recording");
  await form.getByRole("button", { name: "Submit report" }).click();
  await expect(filer.getByText("The report is submitted and public.")).toBeVisible();
  // Another session's report is not theirs to write.
  const other = await db.session.findFirstOrThrow({ where: { eventId: event.id, title: "Open forum on keys" } });
  expect((await filer.request.put(`/api/events/${event.slug}/sessions/${other.id}/report`, { data: {} })).status()).toBe(403);

  // Two rapporteurs on the draft: one attaches a recommendation from the Sources panel while the other types.
  const documentId = event.themes[0].document!.id;
  const a = await userPage(browser, rapporteurA.email, TEST_PASSWORD);
  const b = await userPage(browser, rapporteurB.email, TEST_PASSWORD);
  await a.goto(`/workspace/documents/${documentId}`);
  await b.goto(`/workspace/documents/${documentId}`);
  await expect(a.getByTestId("save-state")).toHaveText("Saved");
  await expect(b.getByTestId("save-state")).toHaveText("Saved");
  await a.getByRole("tab", { name: "Sources" }).click();
  const panel = a.getByTestId("sources-panel");
  await expect(panel.getByText("Publish incident reports within a month.")).toBeVisible();
  await expect(panel.getByText("New report")).toBeVisible();
  await panel.getByLabel("Search sessions and reports").fill("indicators");
  await expect(panel.getByRole("link", { name: "Open forum on keys" })).toHaveCount(0);
  await panel.getByLabel("Search sessions and reports").fill("");
  await typeInFirstMessage(a, "");
  await typeInFirstMessage(b, " Reported openly.");
  await panel.getByRole("button", { name: "Attach “Publish incident reports within a month.” to message 1" }).click();
  await typeInFirstMessage(b, " Always.");
  await expect(a.getByTestId("current-sources")).toContainText("Workshop on incident reporting");
  await expect(a.getByTestId("current-sources")).toContainText("Publish incident reports within a month.");
  await expect(b.locator(".ProseMirror [data-message-id][data-sources]")).toHaveCount(1);
  await expect(a.locator(".ProseMirror [data-message-id] p").first()).toContainText("First message. Reported openly. Always.");
  await expect(a.getByTestId("save-state")).toHaveText("Saved");
  await expect(b.getByTestId("save-state")).toHaveText("Saved");

  expect((await admin.request.post(`/api/events/${event.slug}/milestones/day-3/publish`)).status()).toBe(201);
  expect((await admin.request.post(`/api/events/${event.slug}/milestones/day-4/publish`)).status()).toBe(201);

  // An anonymous reader follows the message to its source and back.
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`/events/${event.slug}/day-4/theme-1`);
  const sources = reader.getByTestId("message-sources");
  await expect(sources).toContainText("Drawn from:");
  await expect(sources).toContainText("Publish incident reports within a month.");
  await expect(reader.getByTestId("sessions-annex")).toContainText("Open forum on keys");
  await sources.getByRole("link", { name: "Workshop on incident reporting" }).click();
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Workshop on incident reporting");
  await expect(reader.getByTestId("cited-by")).toContainText("Security, Day 4 draft, message 1");
  await expect(reader.getByTestId("cited-by")).toContainText("First message. Reported openly. Always.");
  await expect(reader.getByTestId("report-view")).toContainText("Does not apply: No other initiative was named.");
  await expect(reader.getByTestId("report-view")).toContainText("On site: 60, of whom 25 women");
  await reader.getByTestId("cited-by").getByRole("link").click();
  await expect(reader).toHaveURL(new RegExp(`/events/${event.slug}/day-4/theme-1#message-`));
});
