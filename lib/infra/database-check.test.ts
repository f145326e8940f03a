import { afterAll, describe, expect, it } from "vitest";
import { checkDatabase } from "@/lib/infra/database-check";
import { freePort } from "@/lib/testing/global-setup";
import { silentServer } from "@/lib/testing/silent-server";

const adminUrl = new URL(process.env.TEST_ADMIN_DATABASE_URL!);

const silent = await silentServer();
const silentPort = silent.port;
afterAll(() => silent.close());

describe("checking DATABASE_URL", () => {
  it("accepts a working server", async () => {
    await expect(checkDatabase(adminUrl.toString())).resolves.toBeUndefined();
  });

  it("explains a malformed URL", async () => {
    await expect(checkDatabase("not a url")).rejects.toThrow(
      "DATABASE_URL is not a valid URL; expected postgres://user:password@host:port/database.",
    );
    await expect(checkDatabase("mysql://u@127.0.0.1/db")).rejects.toThrow(
      "DATABASE_URL must start with postgres:// or postgresql://, not mysql://.",
    );
  });

  it("explains a refused port", async () => {
    const port = await freePort();
    await expect(checkDatabase(`postgres://postgres@127.0.0.1:${port}/postgres`)).rejects.toThrow(
      `The database server at 127.0.0.1:${port} refused the connection; is Postgres running there?`,
    );
  });

  it("explains bad credentials on a password-protected server", async () => {
    const wrong = new URL(adminUrl);
    wrong.password = "definitely-wrong";
    await expect(checkDatabase(wrong.toString())).rejects.toThrow(`refused the credentials of user "postgres"`);
  });

  it("gives up on a server that accepts and never answers, after about 5 seconds", async () => {
    await expect(checkDatabase(`postgres://postgres:x@127.0.0.1:${silentPort}/postgres`)).rejects.toThrow(
      `The database server at 127.0.0.1:${silentPort} did not answer within 5 seconds.`,
    );
  }, 20_000);
});
