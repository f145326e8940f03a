import { z } from "zod";
import { ITEM_PATTERN } from "@/lib/documents/sources";

/**
 * A session report on the IGF's template: eight parts, each of which may be
 * marked "does not apply" with a reason. Browser-safe (the report form uses
 * the same definitions): no database, no Node modules.
 *
 * Part 3's recommendations are a list of short items with ids, so that a
 * message can cite one of them ("drawn from" in the message document); an
 * item keeps its id through every later edit of the report.
 */

/** The reason a part does not apply; null when it applies. */
const notApplicable = z.string().trim().max(2_000).nullable().default(null);
const text = z.string().max(20_000).default("");
const count = z.number().int().min(0).max(10_000_000).nullable().default(null);

export const ITEM_ID = ITEM_PATTERN;

const textPart = z.object({ text, notApplicable }).strict();

export const reportContentSchema = z
  .object({
    policyQuestions: textPart.default({ text: "", notApplicable: null }),
    summary: textPart.default({ text: "", notApplicable: null }),
    recommendations: z
      .object({
        items: z
          .array(
            z
              .object({
                id: z.string().regex(ITEM_ID, "is not an item id").optional(),
                text: z.string().trim().max(2_000),
              })
              .strict(),
          )
          .max(50)
          .default([]),
        notApplicable,
      })
      .strict()
      .default({ items: [], notApplicable: null }),
    initiatives: textPart.default({ text: "", notApplicable: null }),
    progress: textPart.default({ text: "", notApplicable: null }),
    participation: z
      .object({ onSite: count, women: count, online: count, notApplicable })
      .strict()
      .default({ onSite: null, women: null, online: null, notApplicable: null }),
    gender: textPart.default({ text: "", notApplicable: null }),
    outputs: z
      .object({
        links: z
          .array(
            z
              .object({
                label: z.string().trim().max(300).default(""),
                // Checked on submission (a draft may hold an address half typed).
                url: z.string().trim().max(2_000),
              })
              .strict(),
          )
          .max(30)
          .default([]),
        notApplicable,
      })
      .strict()
      .default({ links: [], notApplicable: null }),
  })
  .strict();

export type ReportInput = z.input<typeof reportContentSchema>;
export type ReportContent = Omit<z.output<typeof reportContentSchema>, "recommendations"> & {
  recommendations: { items: { id: string; text: string }[]; notApplicable: string | null };
};
export type ReportPartKey = keyof ReportContent;

/** The template's parts, in its order, with the titles the form and the public page use. */
export const REPORT_PARTS: { key: ReportPartKey; number: number; title: string; hint: string }[] = [
  {
    key: "policyQuestions",
    number: 1,
    title: "Key policy questions and expectations",
    hint: "The questions the session set out to discuss, and what it hoped to achieve.",
  },
  {
    key: "summary",
    number: 2,
    title: "Summary of issues discussed",
    hint: "What was said, the points of agreement and of disagreement.",
  },
  {
    key: "recommendations",
    number: 3,
    title: "Policy recommendations or suggestions for the way forward",
    hint: "Short items, one idea each: messages can cite them one by one.",
  },
  {
    key: "initiatives",
    number: 4,
    title: "Other initiatives addressing the issues",
    hint: "Projects, processes or organisations working on the same questions.",
  },
  { key: "progress", number: 5, title: "Making progress on the issues", hint: "Next steps, and who could take them." },
  {
    key: "participation",
    number: 6,
    title: "Estimated participation",
    hint: "People on site (of whom women) and people online.",
  },
  { key: "gender", number: 7, title: "Reflection on gender issues", hint: "Whether and how gender was discussed." },
  { key: "outputs", number: 8, title: "Session outputs", hint: "Links to recordings, transcripts, papers." },
];

export const emptyReport = (): ReportContent => reportContentSchema.parse({}) as ReportContent;

const ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A new recommendation item's id, unused among `taken` (the report form makes them too, for items it adds). */
export function newItemId(taken: ReadonlySet<string> = new Set()): string {
  for (;;) {
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(9));
    let id = "r";
    for (const byte of bytes) id += ALPHANUMERIC[byte % 36];
    if (!taken.has(id)) return id;
  }
}

const HTTP_URL = /^https?:\/\/[^\s]+$/i;

/**
 * Validates a report and gives every recommendation a unique id. A draft may
 * hold blank items and half-typed addresses; for a submission (`submit`)
 * blank items and links are dropped and every address must be http(s).
 */
export function readReport(input: unknown, options: { submit?: boolean } = {}): ReportContent {
  const parsed = reportContentSchema.parse(input ?? {});
  if (options.submit) {
    parsed.recommendations.items = parsed.recommendations.items.filter((item) => item.text !== "");
    parsed.outputs.links = parsed.outputs.links.filter((link) => link.url !== "" || link.label !== "");
    const { onSite, women } = parsed.participation;
    if (women !== null && onSite !== null && women > onSite) {
      throw new z.ZodError([
        {
          code: "custom",
          path: ["participation", "women"],
          message: "women on site cannot outnumber everyone on site",
          input: women,
        },
      ]);
    }
    const bad = parsed.outputs.links.findIndex((link) => !HTTP_URL.test(link.url));
    if (bad >= 0) {
      throw new z.ZodError([
        {
          code: "custom",
          path: ["outputs", "links", bad, "url"],
          message: "must be an http(s) address",
          input: parsed.outputs.links[bad].url,
        },
      ]);
    }
  }
  const taken = new Set<string>();
  const items = parsed.recommendations.items.map((item) => {
    const id = item.id && !taken.has(item.id) ? item.id : newItemId(taken);
    taken.add(id);
    return { id, text: item.text };
  });
  return { ...parsed, recommendations: { ...parsed.recommendations, items } };
}

/** A stored report (already validated when written): read leniently, an unreadable one counts as empty. */
export function storedReport(value: unknown): ReportContent {
  try {
    return readReport(value);
  } catch {
    return emptyReport();
  }
}

const filled = (content: ReportContent, key: ReportPartKey): boolean => {
  switch (key) {
    case "recommendations":
      return content.recommendations.items.some((item) => item.text.trim() !== "");
    case "participation":
      return content.participation.onSite !== null || content.participation.online !== null;
    case "outputs":
      return content.outputs.links.some((link) => link.url.trim() !== "");
    default:
      return content[key].text.trim() !== "";
  }
};

/** Whether a part is marked "does not apply" (with its reason). */
export const notApplicableReason = (content: ReportContent, key: ReportPartKey): string | null => {
  const reason = content[key].notApplicable;
  return reason === null || reason.trim() === "" ? null : reason;
};

/**
 * What stops a report from being submitted: each part must be filled in or
 * marked "does not apply" with a reason. Empty when it is complete.
 */
export function missingParts(content: ReportContent): string[] {
  return missingPartsOf(content).map(({ number, title }) => `Part ${number} (${title})`);
}

/** The parts `missingParts` names, for a form that names them in its reader's language. */
export const missingPartsOf = (content: ReportContent) =>
  REPORT_PARTS.filter(({ key }) => notApplicableReason(content, key) === null && !filled(content, key));

/** Participation figures of the reports of a group of sessions; missing figures are left out, and counted. */
export interface ParticipationSum {
  sessions: number;
  /** Sessions whose report gives any participation figure. */
  reported: number;
  onSite: number;
  online: number;
  women: number;
  /** Share of women among those on site, over the reports that give both figures; null without any. */
  womenShare: number | null;
}

export function sumParticipation(rows: { participation: ReportContent["participation"] | null }[]): ParticipationSum {
  let reported = 0;
  let onSite = 0;
  let online = 0;
  let women = 0;
  let womenBase = 0;
  let womenCounted = 0;
  for (const { participation: p } of rows) {
    if (!p || p.notApplicable) continue;
    if (p.onSite === null && p.online === null && p.women === null) continue;
    reported += 1;
    onSite += p.onSite ?? 0;
    online += p.online ?? 0;
    women += p.women ?? 0;
    if (p.onSite !== null && p.women !== null && p.onSite > 0) {
      womenBase += p.onSite;
      womenCounted += p.women;
    }
  }
  return {
    sessions: rows.length,
    reported,
    onSite,
    online,
    women,
    womenShare: womenBase > 0 ? womenCounted / womenBase : null,
  };
}
