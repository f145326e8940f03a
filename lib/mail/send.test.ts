import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { outbox, sendMail } from "@/lib/mail/send";
import { startSmtpSink } from "@/lib/testing/smtp";

afterEach(() => {
  delete process.env.SMTP_URL;
});

describe("sending mail", () => {
  it("without SMTP_URL, writes the mail to the outbox that site admins read", async () => {
    const to = `outbox-${Date.now()}@example.test`;
    await sendMail({ to, subject: "A link", text: "Follow http://app.test/verify/abc" });
    const [newest] = await outbox(1);
    expect(newest).toMatchObject({ to, subject: "A link", text: "Follow http://app.test/verify/abc" });
  });

  it("with SMTP_URL, delivers over SMTP and keeps nothing in the outbox", async () => {
    const smtp = await startSmtpSink();
    try {
      process.env.SMTP_URL = smtp.url;
      const to = `smtp-${Date.now()}@example.test`;
      await sendMail({ to, subject: "Over SMTP", text: "Hello there" });
      expect(smtp.received).toEqual([{ to, subject: "Over SMTP", text: "Hello there\n" }]);
      expect(await db().outboxMail.count({ where: { to } })).toBe(0);
    } finally {
      await smtp.close();
    }
  });

  it("keeps a mail the SMTP server would not take in the outbox, so no link is lost", async () => {
    // A server that closes every connection at once.
    const refusing = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", () => resolve()));
    try {
      process.env.SMTP_URL = `smtp://127.0.0.1:${(refusing.address() as net.AddressInfo).port}`;
      const to = `kept-${Date.now()}@example.test`;
      await sendMail({ to, subject: "Kept", text: "Still here" });
      expect(await db().outboxMail.count({ where: { to } })).toBe(1);
    } finally {
      refusing.close();
    }
  });
});
