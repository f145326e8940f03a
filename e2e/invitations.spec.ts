import { hashToken } from "@/lib/auth/tokens";
import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { expect, signIn, test, userPage } from "./support/fixtures";

test("a site admin creates an event, invites a rapporteur, who accepts and signs in", async ({ browser, db }) => {
  const admin = await makeUser(db, { siteAdmin: true });
  const page = await userPage(browser, admin.email, TEST_PASSWORD);
  const slug = `forum-${Date.now()}`;
  const form = page.getByRole("form", { name: "Create an event" });
  await form.getByLabel("Name").fill("Forum 2026");
  await form.getByLabel("Address (slug)").fill(slug);
  await form.getByLabel("Place").fill("Geneva");
  await form.getByLabel("Time zone").fill("Europe/Zurich");
  await form.getByRole("button", { name: "Create event" }).click();
  await expect(page).toHaveURL(new RegExp(`/workspace/events/${slug}$`));

  const themes = page.getByRole("form", { name: "Add a theme" });
  await themes.getByLabel("Theme title").fill("Data governance");
  await themes.getByRole("button", { name: "Add theme" }).click();
  await expect(page.getByRole("link", { name: "Data governance" })).toBeVisible();

  const invite = page.getByRole("form", { name: "Invite someone" });
  const email = `rapporteur-${Date.now()}@example.test`;
  await invite.getByLabel("E-mail").fill(email);
  await invite.getByLabel("Role").selectOption("RAPPORTEUR");
  await invite.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByTestId("copy-link").locator("code").innerText();

  const newcomer = await (await browser.newContext()).newPage();
  await newcomer.goto(link);
  await newcomer.getByLabel("Your name").fill("Nadia Newcomer");
  await newcomer.getByLabel("Password (at least 10 characters)").fill("nadia's password");
  await newcomer.getByLabel("Password again").fill("nadia's password");
  await newcomer.getByRole("button", { name: "Create account and join" }).click();
  await expect(newcomer).toHaveURL(new RegExp(`/workspace/events/${slug}$`));
  await newcomer.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(newcomer).toHaveURL(/\/signin/);
  await signIn(newcomer, email, "nadia's password");
  await expect(newcomer.getByTestId(`event-${slug}`)).toContainText("Rapporteur");

  // The link works once.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await expect(again.getByTestId("invitation-error")).toHaveText("This invitation has already been used.");

  // Every step is in the audit log.
  await page.goto(`/workspace/events/${slug}/audit`);
  for (const action of ["event.create", "theme.create", "invitation.create", "invitation.accept"]) {
    await expect(page.getByRole("cell", { name: action })).toBeVisible();
  }
});

test("an expired invitation is refused", async ({ page, db }) => {
  const event = await makeEvent(db);
  const token = `expired-${Date.now()}`;
  await db.invitation.create({
    data: {
      eventId: event.id,
      email: "late@example.test",
      role: "RAPPORTEUR",
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() - 1000),
    },
  });
  await page.goto(`/invitations/${token}`);
  await expect(page.getByTestId("invitation-error")).toHaveText(
    "This invitation has expired; ask the secretariat for a new one.",
  );
  const response = await page.request.post(`/api/invitations/${token}/register`, {
    data: { name: "Late", password: "a long password" },
  });
  expect(response.status()).toBe(410);
  expect(await db.user.count({ where: { email: "late@example.test" } })).toBe(0);
});

test("an existing account accepts by signing in, and its password does not change", async ({ browser, db }) => {
  const event = await makeEvent(db);
  const secretariat = await makeUser(db);
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  const existing = await makeUser(db);
  const page = await userPage(browser, secretariat.email, TEST_PASSWORD);
  const response = await page.request.post(`/api/events/${event.slug}/invitations`, {
    data: { email: existing.email, role: "RAPPORTEUR" },
  });
  expect(response.status()).toBe(201);
  const { invitation } = await response.json();

  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(invitation.url);
  await expect(invitee.getByLabel("Your name")).toHaveCount(0);
  // Registering over an existing account is refused: no password can be set through an invitation.
  const hijack = await invitee.request.post(`/api/invitations/${invitation.url.split("/").pop()}/register`, {
    data: { name: "Hijacker", password: "hijacked password" },
  });
  expect(hijack.status()).toBe(409);
  await invitee.getByRole("link", { name: `Sign in as ${existing.email}` }).click();
  await invitee.getByLabel("Password").fill(TEST_PASSWORD);
  await invitee.getByRole("button", { name: "Sign in" }).click();
  await invitee.getByRole("button", { name: `Join ${event.name}` }).click();
  await expect(invitee).toHaveURL(new RegExp(`/workspace/events/${event.slug}$`));
  const membership = await db.membership.findUnique({ where: { userId_eventId: { userId: existing.id, eventId: event.id } } });
  expect(membership?.role).toBe("RAPPORTEUR");
  const fresh = await (await browser.newContext()).newPage();
  await signIn(fresh, existing.email, TEST_PASSWORD);
});

test("invitations from a CSV: one link per valid address, bad lines reported", async ({ browser, db }) => {
  const event = await makeEvent(db);
  const secretariat = await makeUser(db);
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  const page = await userPage(browser, secretariat.email, TEST_PASSWORD);
  await page.goto(`/workspace/events/${event.slug}`);
  const stamp = Date.now();
  const form = page.getByRole("form", { name: "Invite from a CSV" });
  await form
    .getByLabel("…or paste addresses, one per line")
    .fill(`email,name\na-${stamp}@example.test,Ann\nb-${stamp}@example.test,Bob\nnot-an-address,Nobody\n${secretariat.email},Me`);
  await form.getByRole("button", { name: "Create invitations" }).click();
  await expect(page.getByTestId("copy-link")).toHaveCount(2);
  await expect(page.getByText(/2 invited/)).toContainText('"not-an-address" is not an e-mail address');
  await expect(page.getByText(/2 invited/)).toContainText(`${secretariat.email}: already a member`);
  expect(await db.invitation.count({ where: { eventId: event.id, role: "PARTICIPANT" } })).toBe(2);
});
