import type { MilestoneKind } from "@/lib/generated/prisma/enums";

/** The label a version gets from the milestone that froze it. */
export const VERSION_LABEL: Record<MilestoneKind, string> = { DAY3: "Day 3 draft", DAY4: "Day 4 draft", FINAL: "Final" };

/** The label of a milestone's message set: every theme's version of it. */
export const SET_LABEL: Record<MilestoneKind, string> = {
  DAY3: "Day 3 draft messages",
  DAY4: "Day 4 draft messages",
  FINAL: "Final messages",
};
