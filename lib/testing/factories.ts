import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db";
import { documentJsonToUpdate } from "@/lib/documents";
import type { Role } from "@/lib/generated/prisma/enums";

/** Small factories for tests: each call makes fresh, uniquely named rows. */
const unique = () => randomBytes(4).toString("hex");

export const TEST_PASSWORD = "correct horse battery";
let cachedHash: string | undefined;

export async function makeUser(db: Db, options: { email?: string; name?: string; password?: string; siteAdmin?: boolean } = {}) {
  const id = unique();
  const passwordHash = options.password
    ? await hashPassword(options.password)
    : (cachedHash ??= await hashPassword(TEST_PASSWORD));
  return db.user.create({
    data: {
      email: options.email ?? `user-${id}@example.test`,
      name: options.name ?? `User ${id}`,
      passwordHash,
      siteAdmin: options.siteAdmin ?? false,
      emailVerifiedAt: new Date(),
    },
  });
}

const SAMPLE_DOCUMENT = {
  type: "doc",
  content: [
    { type: "paragraph", content: [{ type: "text", text: "Introduction." }] },
    { type: "heading", attrs: { level: 2, sectionId: "s-1" }, content: [{ type: "text", text: "First section" }] },
    {
      type: "message",
      attrs: { messageId: "m-1" },
      content: [{ type: "paragraph", content: [{ type: "text", text: "First message." }] }],
    },
  ],
};

export async function makeEvent(
  db: Db,
  options: { themes?: string[]; openSignup?: boolean; participantsWatchDrafts?: boolean; timeZone?: string } = {},
) {
  const id = unique();
  const day = 24 * 3600_000;
  const now = Date.now();
  return db.event.create({
    data: {
      slug: `event-${id}`,
      name: `Event ${id}`,
      place: "Testville",
      timeZone: options.timeZone ?? "Europe/Berlin",
      openSignup: options.openSignup ?? false,
      participantsWatchDrafts: options.participantsWatchDrafts ?? false,
      milestones: {
        create: [
          { kind: "DAY3", dueAt: new Date(now + 2 * day) },
          { kind: "DAY4", dueAt: new Date(now + 3 * day) },
          { kind: "FINAL", dueAt: new Date(now + 4 * day) },
        ],
      },
      themes: {
        create: (options.themes ?? ["Theme one"]).map((title, position) => ({
          slug: `theme-${position + 1}`,
          title,
          position,
          document: { create: { title, state: documentJsonToUpdate(SAMPLE_DOCUMENT) } },
        })),
      },
    },
    include: { themes: { include: { document: true }, orderBy: { position: "asc" } } },
  });
}

export function addMember(db: Db, userId: string, eventId: string, role: Role, themeIds: string[] = []) {
  return db.membership.create({ data: { userId, eventId, role, themeIds } });
}
