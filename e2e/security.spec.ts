import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { E2E_BASE_URL } from "./support/env";
import { expect, signIn, test } from "./support/fixtures";

test("another site cannot publish with the secretariat's cookie; the app itself can", async ({ page, db }) => {
  const event = await makeEvent(db);
  const secretariat = await makeUser(db);
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  await signIn(page, secretariat.email, TEST_PASSWORD);
  const publish = `/api/events/${event.slug}/milestones/day-3/publish`;

  // What a form or fetch on evil.example sends: the cookie comes along, the Origin says where from.
  const fromOrigin = await page.request.post(publish, {
    headers: { origin: "https://evil.example", "content-type": "text/plain" },
    data: "",
  });
  expect(fromOrigin.status()).toBe(403);
  expect((await fromOrigin.json()).error).toBe("Requests from other sites are refused.");
  const fromFetchSite = await page.request.post(publish, { headers: { "sec-fetch-site": "cross-site" }, data: {} });
  expect(fromFetchSite.status()).toBe(403);
  const fromSibling = await page.request.post(publish, { headers: { "sec-fetch-site": "same-site" }, data: {} });
  expect(fromSibling.status()).toBe(403);
  expect(await db.version.count({ where: { document: { theme: { eventId: event.id } } } })).toBe(0);

  // The app's own origin is accepted.
  const own = await page.request.post(publish, { headers: { origin: E2E_BASE_URL, "sec-fetch-site": "same-origin" }, data: {} });
  expect(own.status(), await own.text()).toBe(201);
  expect(await db.version.count({ where: { document: { theme: { eventId: event.id } } } })).toBe(1);
});

test("pages carry security headers and a per-response script nonce, and still run", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  const response = (await page.goto("/signin"))!;
  const headers = response.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["strict-transport-security"]).toBeUndefined();
  // Next's scripts carry this response's nonce; another response gets another one.
  expect(await response.text()).toContain(`nonce="${nonce}"`);
  const again = await page.request.get("/signin");
  expect(again.headers()["content-security-policy"]).not.toContain(nonce);
  // The page is interactive under the policy: the form works.
  await page.getByLabel("E-mail").fill("nobody@example.org");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The e-mail address or password is not correct.")).toBeVisible();
  expect(errors).toEqual([]);
});

test("a request body over 1 MB is refused with 413", async ({ page, db }) => {
  const event = await makeEvent(db);
  const secretariat = await makeUser(db);
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  await signIn(page, secretariat.email, TEST_PASSWORD);
  const big = await page.request.post(`/api/events/${event.slug}/themes`, { data: { title: "x".repeat(1_100_000) } });
  expect(big.status()).toBe(413);
  expect((await big.json()).error).toBe("The request body is larger than 1 MB.");
  expect(await db.theme.count({ where: { eventId: event.id } })).toBe(1);
});

test("after sign-in the browser stays on the app, whatever callbackUrl says", async ({ page, db }) => {
  const user = await makeUser(db);
  await signIn(page, user.email, TEST_PASSWORD);
  for (const callback of ["/%5Cevil.example", "/%09/evil.example", "//evil.example", "https://evil.example/"]) {
    const response = await page.request.get(`/signin?callbackUrl=${callback}`, { maxRedirects: 0 });
    expect(response.status(), callback).toBe(307);
    expect(response.headers().location, callback).toBe("/workspace");
    await page.goto(`/signin?callbackUrl=${callback}`);
    expect(new URL(page.url()).origin, callback).toBe(new URL(E2E_BASE_URL).origin);
  }
});

test("the sign-in limit is not reset by a made-up X-Forwarded-For", async ({ page, db }) => {
  const user = await makeUser(db);
  await page.goto("/signin");
  for (let i = 0; i < 7; i++) {
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${i + 1}` });
    await page.getByLabel("E-mail").fill(user.email);
    await page.getByLabel("Password").fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    const expected = i < 5 ? "The e-mail address or password is not correct." : /Too many failed sign-in attempts/;
    await expect(page.getByTestId("form-error")).toHaveText(expected);
  }
});

test("a downloaded HTML export keeps its own restrictive policy: no script, no request, its inline styles only", async ({
  db,
}) => {
  const { publishMilestone } = await import("@/lib/publishing/publish");
  const event = await makeEvent(db);
  const { versions } = await publishMilestone(event.id, "DAY3", null, new Date(), db);
  const response = await fetch(`${E2E_BASE_URL}/api/public/versions/${versions[0].versionId}?format=html&download=1`);
  expect(response.status).toBe(200);
  const policy = response.headers.get("content-security-policy")!;
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("style-src 'unsafe-inline'");
  expect(policy).not.toContain("script-src");
  expect(policy).not.toContain("'self'");
  // The pages keep theirs.
  expect((await fetch(`${E2E_BASE_URL}/events/${event.slug}`)).headers.get("content-security-policy")).toContain("script-src");
});
