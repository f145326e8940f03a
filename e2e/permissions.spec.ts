import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { expect, signIn, test } from "./support/fixtures";

test("a participant is refused event administration in the UI and the API", async ({ page, db }) => {
  const event = await makeEvent(db);
  const participant = await makeUser(db);
  await addMember(db, participant.id, event.id, "PARTICIPANT");
  await signIn(page, participant.email, TEST_PASSWORD);

  await page.goto(`/workspace/events/${event.slug}`);
  await expect(page.getByRole("heading", { name: event.name })).toBeVisible();
  await expect(page.getByRole("form", { name: "Invite someone" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Add a theme" })).toHaveCount(0);
  await page.goto("/workspace/admin");
  await expect(page.getByTestId("access-refused")).toBeVisible();

  const api = page.request;
  const refused = [
    await api.post(`/api/events/${event.slug}/themes`, { data: { title: "Sneaky theme" } }),
    await api.patch(`/api/events/${event.slug}`, { data: { openSignup: true } }),
    await api.post(`/api/events/${event.slug}/invitations`, { data: { email: "x@example.test", role: "SECRETARIAT" } }),
    await api.get(`/api/events/${event.slug}/members`),
    await api.get(`/api/events/${event.slug}/audit`),
    await api.put(`/api/events/${event.slug}/milestones/day-3`, { data: { local: "2030-01-01T08:00" } }),
    await api.post("/api/events", { data: { name: "Mine", slug: "mine", timeZone: "UTC" } }),
  ];
  for (const response of refused) {
    expect(response.status()).toBe(403);
    expect((await response.json()).error).toBeTruthy();
  }
  expect(await db.theme.count({ where: { eventId: event.id } })).toBe(1);
  expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).openSignup).toBe(false);
});

test("a secretariat is refused another event", async ({ page, db }) => {
  const mine = await makeEvent(db);
  const other = await makeEvent(db);
  const secretariat = await makeUser(db);
  await addMember(db, secretariat.id, mine.id, "SECRETARIAT");
  await signIn(page, secretariat.email, TEST_PASSWORD);

  expect((await page.request.get(`/api/events/${mine.slug}`)).status()).toBe(200);
  const response = await page.request.get(`/api/events/${other.slug}`);
  expect(response.status()).toBe(403);
  expect(await response.json()).toEqual({ error: "You are not a member of this event.", code: "not_member" });
  expect((await page.request.post(`/api/events/${other.slug}/themes`, { data: { title: "Intruding" } })).status()).toBe(403);

  // Pages they may not see answer 403 with the reason; what does not exist answers 404.
  expect((await page.goto(`/workspace/events/${other.slug}`))!.status()).toBe(403);
  await expect(page.getByTestId("access-refused")).toContainText("You do not have permission to see this page");
  expect((await page.goto(`/workspace/documents/${other.themes[0].document!.id}`))!.status()).toBe(403);
  await expect(page.getByTestId("access-refused")).toBeVisible();
  expect((await page.goto(`/workspace/events/${other.slug}/audit`))!.status()).toBe(403);
  expect((await page.goto("/workspace/admin"))!.status()).toBe(403);
  await expect(page.getByTestId("access-refused")).toBeVisible();
  expect((await page.goto("/workspace/events/no-such-event-here"))!.status()).toBe(404);
  expect((await page.goto(`/workspace/documents/${crypto.randomUUID()}`))!.status()).toBe(404);
});

test("the JSON API answers errors as JSON with 400, 401 and 404", async ({ page, db }) => {
  const event = await makeEvent(db);
  const anonymous = await page.request.get(`/api/events/${event.slug}`);
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toEqual({ error: "Please sign in.", code: "unauthenticated" });

  const secretariat = await makeUser(db);
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  await signIn(page, secretariat.email, TEST_PASSWORD);
  expect((await page.request.get("/api/events/no-such-event")).status()).toBe(404);
  const bad = await page.request.put(`/api/events/${event.slug}/milestones/day-4`, { data: { local: "next tuesday" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toContain("2019-11-28T08:00");
  const order = await page.request.put(`/api/events/${event.slug}/milestones/day-4`, { data: { local: "2001-01-01T08:00" } });
  expect(order.status()).toBe(400);
  expect((await order.json()).error).toBe("Day 4 must come after Day 3.");

  const detail = await (await page.request.get(`/api/events/${event.slug}`)).json();
  expect(detail.event.role).toBe("SECRETARIAT");
  expect(detail.themes[0].documentId).toBe(event.themes[0].document!.id);
  expect(detail.milestones.map((m: { slug: string }) => m.slug)).toEqual(["day-3", "day-4", "final"]);
});

test("a rapporteur opens a theme's document from the home page: read-only outside their themes", async ({ page, db }) => {
  const event = await makeEvent(db, { themes: ["Mine", "Theirs"] });
  const rapporteur = await makeUser(db);
  await addMember(db, rapporteur.id, event.id, "RAPPORTEUR", [event.themes[0].id]);
  await signIn(page, rapporteur.email, TEST_PASSWORD);
  const card = page.getByTestId(`event-${event.slug}`);
  await expect(card.getByRole("listitem").filter({ hasText: "Mine" })).toContainText("can edit");
  await expect(card.getByRole("listitem").filter({ hasText: "Theirs" })).toContainText("read-only");
  await card.getByRole("link", { name: "Theirs" }).click();
  await expect(page.getByRole("heading", { name: "Theirs" })).toBeVisible();
  await expect(page.locator(".ProseMirror")).toContainText("First message.");
  await expect(page.locator(".ProseMirror h2")).toHaveText("First section");
  await expect(page.getByTestId("editor-mode-note")).toContainText("Read-only");
  await expect(page.getByTestId("editor-toolbar")).toHaveCount(0);
  const api = await page.request.get(`/api/documents/${event.themes[1].document!.id}`);
  expect(api.status()).toBe(200);
  expect((await api.json()).document.access).toBe("read");
});
