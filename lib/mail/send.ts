import { config } from "@/lib/config";
import { createTransport, type Transporter } from "nodemailer";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** One transport per SMTP_URL (tests change it between cases). */
const transports = new Map<string, Transporter>();

/** Where mail comes from; SMTP servers want a real-looking address. */
const from = () => config().MAIL_FROM || "Rapporteur <no-reply@rapporteur.invalid>";

/**
 * Sends a mail: through the SMTP server of SMTP_URL when it is set, otherwise
 * into the outbox table, which site admins read at /workspace/admin/outbox (so
 * the embedded demo works with no mail server). A failed SMTP delivery is
 * logged and kept in the outbox too, so that no link is lost; callers also
 * show their links to copy, so a mail is never the only way through.
 */
export async function sendMail(mail: Mail): Promise<void> {
  const url = config().SMTP_URL;
  if (url) {
    let transport = transports.get(url);
    if (!transport) {
      transport = createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000 });
      transports.set(url, transport);
    }
    try {
      await transport.sendMail({ from: from(), to: mail.to, subject: mail.subject, text: mail.text });
      return;
    } catch (error) {
      logger.warn({ err: error, subject: mail.subject }, "sending mail failed; kept in the outbox");
    }
  }
  await db().outboxMail.create({ data: mail });
}

/** The newest mails of the outbox, for site admins. */
export function outbox(take = 200) {
  return db().outboxMail.findMany({ orderBy: { createdAt: "desc" }, take });
}
