import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { expect, test, userPage } from "./support/fixtures";

const HEADER = "title,type,date,start,end,room,theme,sub_themes,organisers,description\n";

test("the secretariat imports a programme (a wrong file changes nothing and names its rows); anyone reads it, filtered", async ({
  browser,
  db,
}) => {
  const event = await makeEvent(db, { themes: ["Security"] });
  const secretariat = await makeUser(db);
  const participant = await makeUser(db);
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  await addMember(db, participant.id, event.id, "PARTICIPANT");
  const admin = await userPage(browser, secretariat.email, TEST_PASSWORD);
  await admin.goto(`/workspace/events/${event.slug}`);

  await admin.getByText("Sub-themes of “Security”").click();
  const subThemes = admin.getByRole("form", { name: "Sub-themes of Security" });
  await subThemes.getByLabel("One per line: name — facilitator").fill("Safety — Ana Li\nHuman rights");
  await subThemes.getByRole("button", { name: "Save sub-themes" }).click();
  await expect(subThemes.getByLabel("One per line: name — facilitator")).toHaveValue("Safety — Ana Li\nHuman rights");

  const importer = admin.getByRole("form", { name: "Import sessions" });
  await importer
    .getByLabel("or paste it")
    .fill(
      HEADER +
        "Opening,Introductory,2019-11-26,09:00,10:00,Hall 1,theme-1,Safety,,Hello\nOops,Keynote,2019-11-26,11:00,12:00,,,,,\n",
    );
  await importer.getByRole("button", { name: "Import sessions" }).click();
  await expect(admin.getByTestId("form-error")).toHaveText("1 row is wrong; nothing was imported.");
  await expect(admin.getByTestId("import-report")).toContainText('Line 3 (“Oops”): Unknown type "Keynote"');
  expect(await db.session.count({ where: { eventId: event.id } })).toBe(0);

  await importer
    .getByLabel("or paste it")
    .fill(
      HEADER +
        'Opening,Introductory,2019-11-26,09:00,10:00,Hall 1,theme-1,Safety,"Ana Li (Net Org, Chile, Civil society)","Welcome. **Agenda** below. <script>alert(1)</script>"\n' +
        "Rights online,Workshop,2019-11-27,11:00,12:00,Room 2,theme-1,Human rights,,\n",
    );
  await importer.getByRole("button", { name: "Import sessions" }).click();
  await expect(admin.getByText("2 sessions imported.")).toBeVisible();

  const intruder = await userPage(browser, participant.email, TEST_PASSWORD);
  const refused = await intruder.request.post(`/api/events/${event.slug}/sessions/import`, { data: { csv: HEADER } });
  expect(refused.status()).toBe(403);

  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`/events/${event.slug}`);
  await reader.getByRole("link", { name: "programme" }).click();
  await expect(reader.getByTestId("programme").getByRole("link")).toHaveText(["Opening", "Rights online"]);
  await reader.getByLabel("Type").selectOption("WORKSHOP");
  await reader.getByRole("button", { name: "Filter" }).click();
  await expect(reader.getByTestId("programme").getByRole("link")).toHaveText(["Rights online"]);
  await reader.getByLabel("Type").selectOption("");
  await reader.getByLabel("Sub-theme").selectOption({ label: "Security: Safety" });
  await reader.getByRole("button", { name: "Filter" }).click();
  await reader.getByTestId("programme").getByRole("link", { name: "Opening" }).click();
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Opening");
  await expect(reader.getByTestId("session-meta")).toContainText(
    "Introductory session · Tuesday, 26 November 2019 at 09:00–10:00",
  );
  await expect(reader.locator(".markdown strong")).toHaveText("Agenda");
  await expect(reader.locator(".markdown script")).toHaveCount(0);
  await expect(reader.getByText("Ana Li")).toBeVisible();
  const api = await (await reader.request.get(`/api/public/events/${event.slug}/sessions?type=WORKSHOP`)).json();
  expect(api.sessions.map((s: { title: string }) => s.title)).toEqual(["Rights online"]);
});
