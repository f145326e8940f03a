import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { db } from "@/lib/db";
import { documentFragment, documentJsonToUpdate } from "@/lib/documents";
import { appendUpdates } from "@/lib/drafts/append";
import { submitReport } from "@/lib/events/reports";
import { createSession, deleteSession, sessionInput } from "@/lib/events/sessions";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import { citationsOf } from "./citations";
import { compareVersions } from "./compare";
import { publishMilestone } from "./publish";
import { canonicalJson, parseFrozen, sha256Hex } from "./render";

const text = (t: string) => ({ type: "paragraph", content: [{ type: "text", text: t }] });

async function setUp() {
  const event = await makeEvent(db(), { themes: ["Security", "Inclusion"] });
  const secretariat = await makeUser(db());
  await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
  const session = (title: string, theme: string, type = "WORKSHOP") =>
    createSession(
      secretariat,
      event,
      sessionInput.parse({ title, type, start: "2026-11-26T09:00", end: "2026-11-26T10:30", theme, link: "" }),
    );
  const workshop = await session("Workshop on trust", "theme-1");
  const forum = await session("Open forum on keys", "theme-1", "OPEN_FORUM");
  const elsewhere = await session("Another theme's session", "theme-2");
  const report = await submitReport(secretariat, event.id, workshop.id, {
    policyQuestions: { text: "Q", notApplicable: null },
    summary: { text: "S", notApplicable: null },
    recommendations: { items: [{ text: "Publish incident reports within a month." }], notApplicable: null },
    initiatives: { text: "", notApplicable: "None." },
    progress: { text: "P", notApplicable: null },
    participation: { onSite: 10, women: 5, online: 1, notApplicable: null },
    gender: { text: "G", notApplicable: null },
    outputs: { links: [], notApplicable: "None." },
  });
  const item = report.content.recommendations.items[0].id;
  return { event, secretariat, workshop, forum, elsewhere, item };
}

describe("sources in publications", () => {
  it("are frozen into the version's JSON, covered by its hash, shown in its exports, and listed on the session", async () => {
    const { event, secretariat, workshop, forum, elsewhere, item } = await setUp();
    const documentId = event.themes[0].document!.id;
    await db().document.update({
      where: { id: documentId },
      data: {
        state: documentJsonToUpdate({
          type: "doc",
          content: [
            { type: "heading", attrs: { sectionId: "s1" }, content: [{ type: "text", text: "Trust" }] },
            {
              type: "message",
              // The quoted item, another theme's session and a session that does not exist.
              attrs: { messageId: "m1", sources: `${workshop.id}/${item} ${elsewhere.id} ${crypto.randomUUID()}` },
              content: [text("Report incidents openly.")],
            },
            { type: "message", attrs: { messageId: "m2" }, content: [text("Keys belong to users.")] },
          ],
        }),
      },
    });
    const day3 = await publishMilestone(event.id, "DAY3", secretariat, new Date("2026-11-27T07:00:00Z"));
    const version = await db().version.findUniqueOrThrow({ where: { id: day3.versions[0].versionId } });
    const frozen = parseFrozen(version.canonicalJson);
    const messages = (frozen.content.content ?? []).filter((n) => n.type === "message");
    // Only what exists in this theme's programme is kept.
    expect(messages.map((m) => m.attrs)).toEqual([{ messageId: "m1", sources: `${workshop.id}/${item}` }, { messageId: "m2" }]);
    expect(frozen.quotes).toEqual({ [`${workshop.id}/${item}`]: "Publish incident reports within a month." });
    expect(frozen.sessions!.map((s) => [s.title, s.type])).toEqual([
      ["Open forum on keys", "OPEN_FORUM"],
      ["Workshop on trust", "WORKSHOP"],
    ]);
    // The hash is of exactly these bytes: change only a source, and it changes.
    expect(sha256Hex(version.canonicalJson)).toBe(version.sha256);
    const withoutSource = structuredClone(frozen);
    delete (withoutSource.content.content![1] as { attrs: { sources?: string } }).attrs.sources;
    expect(sha256Hex(canonicalJson(withoutSource))).not.toBe(version.sha256);
    const otherSource = structuredClone(frozen);
    (otherSource.content.content![1] as { attrs: { sources?: string } }).attrs.sources = forum.id;
    expect(sha256Hex(canonicalJson(otherSource))).not.toBe(version.sha256);

    // HTML and Markdown show the source under the message and end with the annex, by type.
    expect(version.html).toContain(
      `<p class="sources">Drawn from: <a href="/events/${event.slug}/sessions/${workshop.id}">Workshop on trust</a>: “Publish incident reports within a month.”</p></div>`,
    );
    expect(version.html).toMatch(
      /<h2 id="annex">Annex: the sessions of this theme<\/h2>\n<h3>Workshops<\/h3>\n<ul><li><a [^>]+>Workshop on trust<\/a><\/li><\/ul>\n<h3>Open forums<\/h3>/,
    );
    expect(version.markdown).toContain("*Drawn from:* [Workshop on trust]");
    expect(version.markdown).toContain("### Open forums\n\n- [Open forum on keys]");

    // The session's page lists the message; the other session's does not.
    const cited = await citationsOf(event.id, event.slug, workshop.id);
    expect(cited).toEqual([
      expect.objectContaining({
        number: 1,
        messageId: "m1",
        text: "Report incidents openly.",
        quote: "Publish incident reports within a month.",
        href: `/events/${event.slug}/day-3/theme-1#message-m1`,
      }),
    ]);
    expect(await citationsOf(event.id, event.slug, forum.id)).toEqual([]);
    // Listed in a published annex, a session stays in the programme: its link must keep working.
    await expect(deleteSession(secretariat, event.id, forum.id)).rejects.toThrow(/published version lists this session/);

    // Day 4: only the second message's sources change; the comparison shows it as a change of that message.
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, (await db().document.findUniqueOrThrow({ where: { id: documentId } })).state);
    const before = Y.encodeStateVector(ydoc);
    const second = documentFragment(ydoc).toArray()[2] as Y.XmlElement;
    second.setAttribute("sources", forum.id);
    await appendUpdates(documentId, [{ update: Y.encodeStateAsUpdate(ydoc, before), userId: secretariat.id }]);
    const day4 = await publishMilestone(event.id, "DAY4", secretariat, new Date("2026-11-28T07:00:00Z"));
    const newer = parseFrozen(
      (await db().version.findUniqueOrThrow({ where: { id: day4.versions[0].versionId } })).canonicalJson,
    );
    const changes = compareVersions(frozen.content, newer.content);
    expect(changes.map((c) => [c.messageId, c.kind])).toEqual([
      ["m1", "unchanged"],
      ["m2", "changed"],
    ]);
    expect(changes[1].sources).toEqual({ added: [{ session: forum.id }], removed: [] });
    expect(changes[1].words).toEqual([{ text: "Keys belong to users.", change: "same" }]);
    expect(await citationsOf(event.id, event.slug, forum.id)).toEqual([
      expect.objectContaining({ messageId: "m2", quote: null }),
    ]);
  });
});
