import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import WebSocket from "ws";
import { E2E_BASE_URL, E2E_COLLAB_SERVER_PORT } from "./support/env";
import { expect, signIn, test } from "./support/fixtures";

test.describe("signing in", () => {
  for (const role of ["SECRETARIAT", "RAPPORTEUR", "PARTICIPANT"] as const) {
    test(`a ${role.toLowerCase()} signs in and sees the event with their role`, async ({ page, db }) => {
      const event = await makeEvent(db);
      const user = await makeUser(db);
      await addMember(db, user.id, event.id, role);
      await signIn(page, user.email, TEST_PASSWORD);
      const card = page.getByTestId(`event-${event.slug}`);
      await expect(card).toContainText(event.name);
      await expect(card).toContainText(
        role === "SECRETARIAT" ? "Secretariat" : role === "RAPPORTEUR" ? "Rapporteur" : "Participant",
      );
    });
  }

  test("a site admin signs in and may create events", async ({ page, db }) => {
    const admin = await makeUser(db, { siteAdmin: true });
    await signIn(page, admin.email, TEST_PASSWORD);
    await expect(page.getByRole("form", { name: "Create an event" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Site admin" })).toBeVisible();
  });

  test("a wrong password is refused with a clear message", async ({ page, db }) => {
    const user = await makeUser(db);
    await page.goto("/signin");
    await page.getByLabel("E-mail").fill(user.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("form-error")).toHaveText("The e-mail address or password is not correct.");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("after too many failures even the right password is refused for a while", async ({ page, db }) => {
    const user = await makeUser(db);
    await page.goto("/signin");
    // Each attempt waits for the server's answer, so none is lost to the one before.
    const attempt = async (password: string) => {
      await page.getByLabel("E-mail").fill(user.email);
      await page.getByLabel("Password").fill(password);
      const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
      await page.getByRole("button", { name: "Sign in" }).click();
      await answered;
    };
    for (let i = 0; i < 5; i++) {
      await attempt(`wrong ${i}`);
      await expect(page.getByTestId("form-error")).toHaveText("The e-mail address or password is not correct.");
    }
    await attempt(TEST_PASSWORD);
    await expect(page.getByTestId("form-error")).toContainText("Too many failed sign-in attempts");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("signing out ends the session", async ({ page, db }) => {
    const user = await makeUser(db);
    await signIn(page, user.email, TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/signin/);
    expect((await page.request.get("/api/account")).status()).toBe(401);
  });

  test("signing out ends that session on the server: a copy of its cookie opens nothing, and its sockets close", async ({
    page,
    db,
  }) => {
    const event = await makeEvent(db);
    const user = await makeUser(db);
    await addMember(db, user.id, event.id, "RAPPORTEUR");
    await signIn(page, user.email, TEST_PASSWORD);
    const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
    const copied = `${session.name}=${session.value}`;
    const documentId = event.themes[0].document!.id;
    const open = (cookie: string) => {
      const ws = new WebSocket(`ws://127.0.0.1:${E2E_COLLAB_SERVER_PORT}/${documentId}`, { headers: { cookie } });
      const outcome = new Promise<string>((resolve) => {
        ws.once("open", () => resolve("open"));
        ws.once("unexpected-response", (_request, response) => resolve(String(response.statusCode)));
        ws.once("error", () => resolve("error"));
      });
      const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
      return { ws, outcome, closed };
    };
    const socket = open(copied);
    expect(await socket.outcome).toBe("open");
    const account = () => fetch(`${E2E_BASE_URL}/api/account`, { headers: { cookie: copied } }).then((r) => r.status);
    expect(await account()).toBe(200);

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/signin/);

    expect(await account()).toBe(401);
    expect(await socket.closed).toBe(4401);
    expect(await open(copied).outcome).toBe("401");
    // Signing in again starts a new session, which works.
    await signIn(page, user.email, TEST_PASSWORD);
    expect((await page.request.get("/api/account")).status()).toBe(200);
  });
});
