import { describe, expect, it } from "vitest";
import { compareVersions } from "@/lib/publishing/compare";

// Hand-made versions; expected results written by hand.
const message = (id: string, text: string) => ({
  type: "message",
  attrs: { messageId: id },
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});
const section = (id: string, title: string) => ({
  type: "heading",
  attrs: { level: 2, sectionId: id },
  content: [{ type: "text", text: title }],
});
const doc = (...content: unknown[]) => ({ type: "doc", content });

const day3 = doc(
  section("s-online", "Online safety"),
  message("m-same-1", "Cooperation matters."),
  message("m-same-2", "Cooperation matters."),
  message("m-rewrite", "Old wording entirely."),
  message("m-gone", "This one will be dropped."),
  section("s-infra", "Infrastructure"),
  message("m-move", "Resilience needs investment."),
);
const day4 = doc(
  section("s-online", "Online safety"),
  message("m-same-1", "Cooperation matters."),
  message("m-same-2", "Cooperation matters a lot."),
  message("m-rewrite", "Completely new text here."),
  message("m-move", "Resilience needs sustained investment."),
  section("s-infra", "Infrastructure"),
  message("m-new", "A new message."),
);

describe("comparing two versions by message id", () => {
  const changes = compareVersions(day3, day4);
  const byId = Object.fromEntries(changes.map((c) => [c.messageId, c]));

  it("keeps two messages with identical text apart and finds the one that changed", () => {
    expect(byId["m-same-1"]).toMatchObject({ kind: "unchanged", moved: false, from: { number: 1 }, to: { number: 1 } });
    expect(byId["m-same-2"].kind).toBe("changed");
    expect(byId["m-same-2"].words).toEqual([
      // diff attaches the space before an inserted word to the unchanged run.
      { text: "Cooperation matters ", change: "same" },
      { text: "a lot", change: "added" },
      { text: ".", change: "same" },
    ]);
  });

  it("shows a fully rewritten message as changed, not as removed and added", () => {
    expect(byId["m-rewrite"].kind).toBe("changed");
    expect(
      byId["m-rewrite"].words
        .filter((w) => w.change === "removed")
        .map((w) => w.text)
        .join(""),
    ).toContain("Old");
    expect(
      byId["m-rewrite"].words
        .filter((w) => w.change === "added")
        .map((w) => w.text)
        .join(""),
    ).toContain("Completely new");
  });

  it("marks a message moved to another section and edited as both", () => {
    expect(byId["m-move"]).toMatchObject({
      kind: "changed",
      moved: true,
      from: { number: 5, section: "Infrastructure" },
      to: { number: 4, section: "Online safety" },
    });
    expect(byId["m-move"].words).toEqual([
      { text: "Resilience needs ", change: "same" },
      { text: "sustained ", change: "added" },
      { text: "investment.", change: "same" },
    ]);
  });

  it("lists added and removed messages, removed ones where they stood", () => {
    expect(byId["m-new"]).toMatchObject({ kind: "added", from: null, to: { number: 5, section: "Infrastructure" } });
    expect(byId["m-gone"]).toMatchObject({ kind: "removed", to: null, from: { number: 4, section: "Online safety" } });
    expect(changes.map((c) => c.messageId)).toEqual(["m-same-1", "m-same-2", "m-rewrite", "m-gone", "m-move", "m-new"]);
  });
});

describe("comparison limits", () => {
  // Two long messages with nothing in common: a word diff of them is costly.
  const words = (seed: string, n: number) => Array.from({ length: n }, (_, i) => `${seed}${i}`).join(" ");
  const older = doc(section("s", "Section"), message("m-1", words("a", 4000)), message("m-2", "Short, then changed."));
  const newer = doc(section("s", "Section"), message("m-1", words("b", 4000)), message("m-2", "Short, and changed."));

  it("shows a message whose diff passes the edit limit whole (old text, then new), and still diffs the others", () => {
    const changes = compareVersions(older, newer, { perMessageMs: 1_000, maxEdits: 100, totalMs: 5_000 });
    const [big, small] = changes;
    expect(big).toMatchObject({ messageId: "m-1", kind: "changed", whole: true });
    expect(big.words).toEqual([
      { text: words("a", 4000), change: "removed" },
      { text: words("b", 4000), change: "added" },
    ]);
    expect(small).toMatchObject({ messageId: "m-2", kind: "changed", whole: false });
    expect(small.words.filter((w) => w.change !== "same").map((w) => w.text)).toEqual(["then", "and"]);
  });

  it("stops diffing word by word once the comparison's time budget is spent", () => {
    const changes = compareVersions(older, newer, { perMessageMs: 1_000, maxEdits: 1_000_000, totalMs: 0 });
    expect(changes.filter((c) => c.kind === "changed").every((c) => c.whole)).toBe(true);
  });
});
