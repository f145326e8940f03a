import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { expect, mailedLink, signIn, test } from "./support/fixtures";

test("signing up: the link mailed over SMTP confirms the address; before that the account opens nothing", async ({
  page,
  db,
}) => {
  const event = await makeEvent(db, { openSignup: true });
  const email = `walk-in-${event.id}@example.test`;
  await page.goto(`/signup/${event.slug}`);
  await page.getByLabel("Name (shown with your comments)").fill("Walk In");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password (at least 10 characters)").fill("a walk-in password");
  await page.getByRole("button", { name: /sign up/i }).click();
  await expect(page.getByTestId("signup-sent")).toHaveText(
    `We sent a message to ${email}. Follow the link in it to confirm your address and finish signing up.`,
  );

  // Not yet: signing in is refused, and nothing of the event is open to the account.
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("a walk-in password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText(
    "Confirm your e-mail address first: follow the link we mailed to it when you signed up.",
  );
  expect(await db.membership.count({ where: { eventId: event.id } })).toBe(0);

  // The mail arrived through SMTP; opening its link changes nothing until the person confirms.
  const link = await mailedLink(email, "/verify/");
  expect(new URL(link).pathname).toMatch(/^\/verify\/[\w-]+$/);
  await page.goto(link);
  expect(await db.user.findUniqueOrThrow({ where: { email } })).toMatchObject({ emailVerifiedAt: null });
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page.getByRole("status")).toContainText(
    `Your address is confirmed and you have joined ${event.name} as a participant.`,
  );
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Password").fill("a walk-in password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/workspace/);
  const member = await db.membership.findFirstOrThrow({ where: { eventId: event.id, user: { email } } });
  expect(member.role).toBe("PARTICIPANT");

  // The link works once.
  await page.goto(link);
  await expect(page.locator("main").getByRole("alert")).toHaveText("This confirmation link has already been used; sign in.");
});

test("invitations and password-reset links are mailed too, and still shown to copy", async ({ page, db }) => {
  const event = await makeEvent(db);
  const secretariat = await makeUser(db, { siteAdmin: true });
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  await signIn(page, secretariat.email, TEST_PASSWORD);
  const invitee = `invitee-${event.id}@example.test`;
  const invited = await page.request.post(`/api/events/${event.slug}/invitations`, {
    data: { email: invitee, role: "RAPPORTEUR", themeIds: [] },
  });
  expect(invited.status()).toBe(201);
  expect(await mailedLink(invitee, "/invitations/")).toBe((await invited.json()).invitation.url);

  const someone = await makeUser(db);
  const reset = await page.request.post(`/api/admin/users/${someone.id}/password-reset`);
  expect(reset.status()).toBe(201);
  expect(await mailedLink(someone.email, "/reset/")).toBe((await reset.json()).reset.url);
});

test("site admins read the outbox; nobody else does", async ({ page, browser, db }) => {
  const admin = await makeUser(db, { siteAdmin: true });
  const other = await makeUser(db);
  const to = `kept-${admin.id}@example.test`;
  await db.outboxMail.create({ data: { to, subject: "A kept mail", text: "Open http://localhost/verify/xyz to go on." } });
  await signIn(page, admin.email, TEST_PASSWORD);
  await page.goto("/workspace/admin");
  await page.getByRole("link", { name: "outbox" }).click();
  const mail = page.getByTestId("outbox-mail").filter({ hasText: to });
  await expect(mail.getByRole("heading", { name: "A kept mail" })).toBeVisible();
  await expect(mail.getByRole("link", { name: "http://localhost/verify/xyz" })).toBeVisible();

  const context = await browser.newContext();
  const theirs = await context.newPage();
  await signIn(theirs, other.email, TEST_PASSWORD);
  expect((await theirs.goto("/workspace/admin/outbox"))!.status()).toBe(403);
  await expect(theirs.getByTestId("access-refused")).toBeVisible();
  await expect(theirs.getByText("A kept mail")).toHaveCount(0);
  await context.close();
});
