import { describe, expect, it } from "vitest";
import {
  documentOutline,
  isValidDocumentJson,
  messageDocumentSchema,
  sanitizeDocumentJson,
  updateToDocumentJson,
  documentJsonToUpdate,
} from "@/lib/documents";
import { demoThemes } from "./demo-content";

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe("demo content", () => {
  it("has the three IGF 2019 themes", () => {
    expect(demoThemes.map((theme) => theme.slug).sort()).toEqual(["data-governance", "digital-inclusion", "security"]);
  });

  it("is valid under the schema, unchanged by sanitizing, and survives Yjs", () => {
    for (const theme of demoThemes) {
      expect(() => messageDocumentSchema.nodeFromJSON(theme.doc).check()).not.toThrow();
      expect(isValidDocumentJson(theme.doc)).toBe(true);
      expect(sanitizeDocumentJson(theme.doc)).toEqual(theme.doc);
      expect(updateToDocumentJson(documentJsonToUpdate(theme.doc))).toEqual(theme.doc);
    }
  });

  it("gives the security theme four sections, at least 24 messages and unique ids", () => {
    const security = demoThemes.find((theme) => theme.slug === "security")!;
    expect(security.title).toBe("Security, safety, stability and resilience");
    const outline = documentOutline(security.doc);
    expect(outline.introduction.length).toBeGreaterThan(0);
    expect(outline.sections.map((section) => section.title)).toEqual([
      "Safety and Security Online",
      "Security and Resilience of the Infrastructure",
      "Policy and Cooperation",
      "Capacity Building",
    ]);
    const messages = outline.sections.flatMap((section) => section.messages);
    expect(messages.length).toBeGreaterThanOrEqual(24);
    expect(messages.map((message) => message.number)).toEqual(messages.map((_, i) => i + 1));
    const ids = [...outline.sections.map((section) => section.sectionId), ...messages.map((message) => message.messageId)];
    expect(new Set(ids).size).toBe(ids.length);
    const words = wordCount([...outline.introduction, ...messages.map((message) => message.text)].join(" "));
    expect(words).toBeGreaterThanOrEqual(1500);
    expect(words).toBeLessThanOrEqual(2500);
  });

  it("gives the other themes two sections and three to five messages", () => {
    for (const slug of ["data-governance", "digital-inclusion"]) {
      const outline = documentOutline(demoThemes.find((theme) => theme.slug === slug)!.doc);
      expect(outline.introduction.length).toBeGreaterThan(0);
      expect(outline.sections).toHaveLength(2);
      const count = outline.sections.reduce((sum, section) => sum + section.messages.length, 0);
      expect(count).toBeGreaterThanOrEqual(3);
      expect(count).toBeLessThanOrEqual(5);
    }
  });
});
