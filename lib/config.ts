import { z } from "zod";
import { parseTrustProxy } from "@/lib/http/forwarded";

/**
 * The one place that reads the process environment (a test fails when another
 * runtime file does). Every setting is validated here, so a process refuses
 * to start on bad configuration with one sentence instead of failing later in
 * some corner.
 */
const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Postgres connection string. Unset: `npm start` runs an embedded Postgres. */
  DATABASE_URL: z.string().optional(),
  /**
   * Address the app and the collaboration server listen on. Unset: 127.0.0.1 for
   * the embedded demo (its admin password is public), every interface with DATABASE_URL.
   */
  HOST: z.string().optional(),
  /** Which forwarding headers to believe: unset (none), a hop count, or the proxies' addresses. */
  TRUST_PROXY: z
    .string()
    .optional()
    .refine(
      (value) => {
        try {
          parseTrustProxy(value);
          return true;
        } catch {
          return false;
        }
      },
      { message: "give a number of proxies or a comma-separated list of their IP addresses" },
    ),
  /** The app's public address (next-auth's, and the first of the app's origins). */
  NEXTAUTH_URL: z.string().url().optional(),
  /** Set by `npm start` when NEXTAUTH_URL is not: next-auth then trusts the request's host. */
  AUTH_TRUST_HOST: z.string().optional(),
  /** Further origins the app is served from (comma-separated), beside NEXTAUTH_URL's. */
  APP_ORIGINS: z
    .string()
    .optional()
    .refine((value) => (value ?? "").split(",").every((o) => !o.trim() || URL.canParse(o.trim())), {
      message: "give comma-separated origins such as https://messages.example.org",
    }),
  /**
   * Set by `npm start` for the embedded demo only (not a setting for users):
   * there, with no configured origins, the collaboration server accepts pages
   * from the same host name on any port. Everywhere else it requires
   * NEXTAUTH_URL or APP_ORIGINS.
   */
  RAPPORTEUR_EMBEDDED_DEMO: z.enum(["1"]).optional(),
  /** With it, /metrics answers whoever presents it as a bearer token; without it, loopback clients only. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Port of the Next.js app. */
  PORT: port(3000),
  /** Port of the collaboration server. */
  COLLAB_PORT: port(1234),
  /** Public websocket URL of the collaboration server as browsers reach it; derived from the page's host when unset. */
  COLLAB_URL: z.string().url().optional(),
  /**
   * On several machines: `app` starts only the app, `collab` only the
   * collaboration server (both need DATABASE_URL). Unset: both, as on one machine.
   */
  START_ONLY: z.enum(["app", "collab"]).optional(),
  /** Where the embedded Postgres and the generated secret live (git-ignored). */
  DATA_DIR: z.string().default(".data"),
  /** Port of the embedded Postgres; never 5432, which a system Postgres may hold. */
  EMBEDDED_PG_PORT: port(54329),
  /** Secret that signs session tokens; generated into DATA_DIR for the embedded default. */
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  /** Failed sign-ins allowed per e-mail address and client within SIGNIN_WINDOW_SECONDS. */
  SIGNIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  SIGNIN_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(15 * 60),
  /** Failed sign-ins allowed per e-mail address and hour, from any number of clients. */
  SIGNIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).default(20),
  /** Sign-ups one client may make per hour. */
  SIGNUP_MAX_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** How long an address-confirmation link stays valid. */
  EMAIL_VERIFICATION_TTL_HOURS: z.coerce.number().positive().default(48),
  /** SMTP server for mail (smtp:// or smtps://, with credentials); unset: mail goes to the outbox site admins read. */
  SMTP_URL: z.string().url().optional(),
  /** The From of mail the app sends. */
  MAIL_FROM: z.string().optional(),
  /** How long invitation and password-reset links stay valid. */
  INVITATION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 7),
  PASSWORD_RESET_TTL_HOURS: z.coerce.number().positive().default(24),
  /** Largest websocket frame the collaboration server accepts; a larger one closes that socket. */
  COLLAB_MAX_FRAME_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  /** Frames per second one socket may send (typing and carets make a few dozen at most). */
  COLLAB_MAX_FRAMES_PER_SECOND: z.coerce.number().int().min(1).default(200),
  /** Bytes per second one socket may send, beside the frame budget (a burst of one second's worth is allowed). */
  COLLAB_MAX_BYTES_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1024)
    .default(4 * 1024 * 1024),
  /** Largest a document may grow (its encoded Yjs state); an edit past it is refused and its author told (close 4413). */
  COLLAB_MAX_DOCUMENT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  /** Bytes the server buffers for one slow socket before closing it (4408), so slow readers cannot grow its memory. */
  COLLAB_MAX_SEND_BUFFER_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(16 * 1024 * 1024),
  /**
   * Largest presence state (name, colour, cursor) one client may announce, as
   * JSON; a socket that sends a larger one is closed (4431). At most 5,000, so
   * that any presence fits one message to the other instances (a NOTIFY).
   */
  COLLAB_MAX_PRESENCE_BYTES: z.coerce.number().int().min(256).max(5000).default(4096),
  /** Open sockets per document and per user; more are refused with HTTP 429. */
  COLLAB_MAX_SOCKETS_PER_DOCUMENT: z.coerce.number().int().min(1).default(5000),
  COLLAB_MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).default(20),
  /**
   * Least time between two relays of edits to a document's sockets: a lone
   * keystroke goes out at once; under load each socket gets at most one frame
   * per window, carrying every edit since the last.
   */
  COLLAB_FAN_OUT_MS: z.coerce.number().int().min(0).max(1000).default(0),
  /** How often a collaboration instance tells the others on the database that it is alive. */
  COLLAB_HEARTBEAT_MS: z.coerce.number().int().min(50).default(2000),
  /** An instance silent this long is taken for dead: its clients' presence goes, its sockets stop counting toward the limits. */
  COLLAB_PRESENCE_TIMEOUT_MS: z.coerce.number().int().min(200).default(10_000),
  /** How often dead sockets are looked for (a socket that missed one ping is dropped). */
  COLLAB_PING_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  /** Update-log rows of a document after which it is compacted into its stored state. */
  COLLAB_COMPACT_AFTER: z.coerce.number().int().min(1).default(1000),
  /** Comments (new threads, replies and edits) one user may post per minute. */
  COMMENT_MAX_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Set by Next.js in the app's processes: "nodejs" or "edge". */
  NEXT_RUNTIME: z.string().optional(),
  /** Where the app's build lives (the tests build into .next-test). */
  NEXT_DIST_DIR: z.string().optional(),
  /** `npm run create-admin` asks for what these leave unset. */
  ADMIN_EMAIL: z.string().optional(),
  ADMIN_NAME: z.string().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (`FOO= npm start`).
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`Configuration error: ${issue.path.join(".")}: ${issue.message}.`);
  }
  return result.data;
}

const KEYS = Object.keys(schema.shape);
let cached: { values: (string | undefined)[]; config: Config } | undefined;

/**
 * The validated configuration of this process: parsed once, and again only
 * if one of its variables changed since (a test points the app at its own
 * database or mail server; `create-admin` chooses the database after start).
 */
export function config(): Config {
  const values = KEYS.map((key) => process.env[key]);
  if (!cached || values.some((value, i) => value !== cached!.values[i])) cached = { values, config: parseConfig() };
  return cached.config;
}

/** The whole environment as it is: to hand on to a child process, or to functions that take one (tests pass their own). */
export function environment(): NodeJS.ProcessEnv {
  return process.env;
}

/** Chooses the database for this process, before anything connects (`create-admin`, the benchmark). */
export function useDatabase(url: string): void {
  process.env.DATABASE_URL = url;
}
