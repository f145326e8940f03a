import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
}

/**
 * A real SMTP server in the test process (the `smtp-server` package) on a
 * loopback port: what the app sends through SMTP_URL arrives here, parsed.
 * Mail delivery is outside our system; this stands in for the world's.
 */
export async function startSmtpSink(onMail?: (mail: ReceivedMail) => void) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(", ") : (parsed.to?.text ?? "");
          const mail = { to, subject: parsed.subject ?? "", text: parsed.text ?? "" };
          received.push(mail);
          onMail?.(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** The first link to this app in the newest mail to `to`. */
    linkFor(to: string, pathPrefix: string): string | null {
      const mail = [...received].reverse().find((m) => m.to.includes(to));
      const match = mail?.text.match(new RegExp(`https?://[^\\s]*${pathPrefix.replace(/\//g, "\\/")}[^\\s]*`));
      return match?.[0] ?? null;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
