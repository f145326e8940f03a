import type { Role } from "@/lib/generated/prisma/enums";

/**
 * THE permission table of Rapporteur, used by the app's routes and pages and by
 * the collaboration server alike. Each action says which roles on an event may
 * take it; a few need a condition on the resource too. Site admins have the
 * secretariat's rights on every event.
 */
export type EventAction =
  | "event.view" // see the event in the workspace
  | "event.manage" // settings, themes, schedule, people, invitations
  | "event.audit" // read the audit log
  | "event.publish" // publish a milestone
  | "draft.read" // open a theme's live draft
  | "draft.write" // edit a theme's live draft
  | "comments.review" // see live-draft threads and hidden comments; read the disposition report
  | "thread.startDraft" // start a thread on a live draft
  | "thread.startVersion" // start a thread on a published version
  | "thread.reply" // reply in a thread
  | "thread.resolve" // resolve or reopen a thread
  | "thread.dispose" // set a version thread's disposition and public reply
  | "comment.own" // edit or delete one's own comment
  | "comment.hide" // hide or unhide anyone's comment
  | "report.write" // write, submit and read the unsubmitted draft of a session's report
  | "sources.read"; // the Sources panel beside a draft, and the coverage of the messages

export type SiteAction = "site.admin";

export interface Subject {
  /** Null for an anonymous visitor. */
  userId: string | null;
  siteAdmin: boolean;
  /** The subject's role on this event, or null if none. */
  role: Role | null;
  /** Theme ids a rapporteur is limited to; empty means every theme. */
  themeIds: string[];
}

export interface EventResource {
  participantsWatchDrafts: boolean;
  /** For draft actions: the theme of the document. */
  themeId?: string;
  /** For draft actions: whether the document is locked by Final. */
  locked?: boolean;
  /** For comment actions: the thread is on a published version (not the live draft). */
  onVersion?: boolean;
  /** For comment actions: the version is the theme's latest. */
  latestVersion?: boolean;
  /** For comment actions: Day 3 is published and Final is not. */
  windowOpen?: boolean;
  /** For comment actions: Final is published. */
  final?: boolean;
  /** For comment actions: the author of the thread or comment concerned. */
  authorId?: string;
  /** For report actions: the members assigned to file the session's report. */
  reporterIds?: string[];
}

type Rule = (subject: Subject, resource: EventResource) => boolean;

const isSecretariat = (s: Subject) => s.siteAdmin || s.role === "SECRETARIAT";
const isRapporteur = (s: Subject) => s.role === "RAPPORTEUR";
const coversTheme = (s: Subject, themeId?: string) =>
  s.themeIds.length === 0 || (themeId !== undefined && s.themeIds.includes(themeId));

export const PERMISSIONS: Record<EventAction, Rule> = {
  "event.view": (s) => isSecretariat(s) || s.role !== null,
  "event.manage": (s) => isSecretariat(s),
  "event.audit": (s) => isSecretariat(s),
  "event.publish": (s) => isSecretariat(s),
  "draft.read": (s, r) => isSecretariat(s) || isRapporteur(s) || (s.role === "PARTICIPANT" && r.participantsWatchDrafts),
  "draft.write": (s, r) => !r.locked && (isSecretariat(s) || (isRapporteur(s) && coversTheme(s, r.themeId))),
  "comments.review": (s) => isSecretariat(s) || isRapporteur(s),
  "thread.startDraft": (s, r) => !r.final && !r.locked && (isSecretariat(s) || isRapporteur(s)),
  // Participants comment on the latest version while the window is open; so may the drafters.
  "thread.startVersion": (s, r) => Boolean(r.windowOpen && r.latestVersion) && (isSecretariat(s) || s.role !== null),
  // After Final only the drafters answer; participants take part while the window is open.
  "thread.reply": (s, r) =>
    isSecretariat(s) || isRapporteur(s) || (s.role === "PARTICIPANT" && Boolean(r.onVersion && r.windowOpen)),
  "thread.resolve": (s, r) =>
    isSecretariat(s) ||
    (isRapporteur(s) && coversTheme(s, r.themeId)) ||
    (s.role !== null && s.userId !== null && s.userId === r.authorId),
  "thread.dispose": (s, r) => Boolean(r.onVersion) && (isSecretariat(s) || (isRapporteur(s) && coversTheme(s, r.themeId))),
  "comment.own": (s, r) => s.userId !== null && s.userId === r.authorId && PERMISSIONS["thread.reply"](s, r),
  "comment.hide": (s) => isSecretariat(s),
  // A session's reporters (members of the event) and the secretariat; nobody else sees a draft report.
  "report.write": (s, r) =>
    isSecretariat(s) || (s.role !== null && s.userId !== null && (r.reporterIds ?? []).includes(s.userId)),
  "sources.read": (s) => isSecretariat(s) || isRapporteur(s),
};

export function allows(action: EventAction, subject: Subject, resource: EventResource): boolean {
  return PERMISSIONS[action](subject, resource);
}

/** Why a draft is read-only for this subject (shown in the editor). */
export function readOnlyReason(subject: Subject, resource: EventResource): string {
  if (resource.locked) return "The final version is published; this text is final.";
  if (subject.role === "PARTICIPANT") return "Participants may watch the live draft but not edit it.";
  return "You are a rapporteur for other themes of this event; this draft is read-only for you.";
}
