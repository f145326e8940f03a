import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { SDGS, sdgName } from "./sdgs";

/**
 * A theme's front matter, as the secretariat edits it: what the theme is
 * about (a short list), the Sustainable Development Goals it relates to, issue
 * tags, and its policy questions grouped under headings. Every version freezes
 * it (with the goals' names), so a version's hash covers it.
 */
const line = (max: number) => z.string().trim().min(1, "An item is empty.").max(max, `An item is longer than ${max} characters.`);

export const frontMatterInput = z
  .object({
    about: z.array(line(600)).max(12, "At most 12 points about the theme.").default([]),
    sdgs: z
      .array(z.number().int().min(1, "Goals are numbered 1 to 17.").max(SDGS.length, "Goals are numbered 1 to 17."))
      .max(SDGS.length)
      .default([])
      .refine((goals) => new Set(goals).size === goals.length, "A goal is listed twice."),
    tags: z
      .array(line(80))
      .max(30, "At most 30 issue tags.")
      .default([])
      .refine((tags) => new Set(tags.map((t) => t.toLowerCase())).size === tags.length, "A tag is listed twice."),
    questions: z
      .array(
        z
          .object({
            heading: line(200),
            questions: z.array(line(1000)).min(1, "A heading needs at least one question.").max(30),
          })
          .strict(),
      )
      .max(20, "At most 20 groups of policy questions.")
      .default([]),
  })
  .strict();

export type FrontMatter = z.infer<typeof frontMatterInput>;

/** What a version freezes: the same, with each goal's name beside its number (goals in order). */
export interface FrozenFrontMatter {
  about: string[];
  sdgs: { number: number; name: string }[];
  tags: string[];
  questions: { heading: string; questions: string[] }[];
}

/** A stored value read back (old rows hold `{}`); anything unreadable counts as empty. */
export function readFrontMatter(stored: unknown): FrontMatter {
  const parsed = frontMatterInput.safeParse(stored ?? {});
  return parsed.success ? parsed.data : { about: [], sdgs: [], tags: [], questions: [] };
}

export function freezeFrontMatter(frontMatter: FrontMatter): FrozenFrontMatter {
  return {
    about: frontMatter.about,
    sdgs: [...frontMatter.sdgs].sort((a, b) => a - b).map((number) => ({ number, name: sdgName(number) })),
    tags: frontMatter.tags,
    questions: frontMatter.questions,
  };
}

export const isEmptyFrontMatter = (f: FrontMatter | FrozenFrontMatter) =>
  f.about.length + f.sdgs.length + f.tags.length + f.questions.length === 0;

export async function themeFrontMatter(eventId: string, themeId: string): Promise<FrontMatter> {
  const theme = await db().theme.findFirst({ where: { id: themeId, eventId, archived: false } });
  if (!theme) throw notFound("There is no such theme in this event.");
  return readFrontMatter(theme.frontMatter);
}

/** Replaces a theme's front matter; the next version published freezes it. */
export async function updateFrontMatter(actor: CurrentUser, eventId: string, themeId: string, input: FrontMatter) {
  return db().$transaction(async (tx) => {
    const theme = await tx.theme.findFirst({ where: { id: themeId, eventId, archived: false } });
    if (!theme) throw notFound("There is no such theme in this event.");
    await tx.theme.update({ where: { id: themeId }, data: { frontMatter: input } });
    await recordAudit(tx, {
      eventId,
      actor,
      action: "theme.front-matter",
      target: theme.title,
      details: { about: input.about.length, sdgs: input.sdgs, tags: input.tags.length, questions: input.questions.length },
    });
    return input;
  });
}
