import { makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { expect, signIn, test, userPage } from "./support/fixtures";

test("'sign out everywhere' ends the user's other sessions", async ({ browser, db }) => {
  const user = await makeUser(db);
  const laptop = await userPage(browser, user.email, TEST_PASSWORD);
  const phone = await userPage(browser, user.email, TEST_PASSWORD);
  expect((await phone.request.get("/api/account")).status()).toBe(200);

  await laptop.goto("/workspace/account");
  laptop.once("dialog", (dialog) => dialog.accept());
  await laptop.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(laptop).toHaveURL(/\/signin/);

  expect((await phone.request.get("/api/account")).status()).toBe(401);
  await phone.goto("/workspace");
  await expect(phone).toHaveURL(/\/signin/);
});

test("a password reset issued by a site admin ends older sessions and sets the new password", async ({ browser, db }) => {
  const admin = await makeUser(db, { siteAdmin: true });
  const user = await makeUser(db);
  const older = await userPage(browser, user.email, TEST_PASSWORD);

  const adminPage = await userPage(browser, admin.email, TEST_PASSWORD);
  await adminPage.goto("/workspace/admin");
  const row = adminPage.getByRole("row").filter({ hasText: user.email });
  await row.getByRole("button", { name: "Password-reset link" }).click();
  const link = await row.getByTestId("copy-link").locator("code").innerText();
  expect(link).toContain("/reset/");

  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto(link);
  await anonymous.getByLabel("New password (at least 10 characters)").fill("a brand new secret");
  await anonymous.getByLabel("New password again").fill("a brand new secret");
  await anonymous.getByRole("button", { name: "Set password" }).click();
  await expect(anonymous.getByText("Your password is set")).toBeVisible();

  expect((await older.request.get("/api/account")).status()).toBe(401);
  await signIn(anonymous, user.email, "a brand new secret");

  // The link works once.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await again.getByLabel("New password (at least 10 characters)").fill("yet another secret");
  await again.getByLabel("New password again").fill("yet another secret");
  await again.getByRole("button", { name: "Set password" }).click();
  await expect(again.getByTestId("form-error")).toHaveText("This password-reset link has already been used.");
});

test("changing one's own password ends the other sessions and keeps this one", async ({ page, browser, db }) => {
  const user = await makeUser(db);
  const elsewhere = await userPage(browser, user.email, TEST_PASSWORD);
  await signIn(page, user.email, TEST_PASSWORD);
  await page.goto("/workspace/account");
  await page.getByLabel("Current password").fill(TEST_PASSWORD);
  await page.getByLabel("New password (at least 10 characters)").fill("my changed password");
  await page.getByLabel("New password again").fill("my changed password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. You stay signed in here; every other session has ended.")).toBeVisible();
  // This browser carries on; the other one is signed out.
  await page.goto("/workspace/account");
  await expect(page).toHaveURL(/\/workspace\/account/);
  await elsewhere.goto("/workspace/account");
  await expect(elsewhere).toHaveURL(/\/signin/);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, user.email, "my changed password");
});

test("a site admin deactivates an account: its open session ends; the list marks it", async ({ page, browser, db }) => {
  const admin = await makeUser(db, { siteAdmin: true });
  const user = await makeUser(db);
  const theirs = await userPage(browser, user.email, TEST_PASSWORD);
  await signIn(page, admin.email, TEST_PASSWORD);
  await page.goto("/workspace/admin");
  const row = page.getByTestId(`account-${user.email}`);
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByText("deactivated")).toBeVisible();
  await theirs.goto("/workspace");
  await expect(theirs).toHaveURL(/\/signin/);
});
