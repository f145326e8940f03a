import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { documentJsonToUpdate } from "@/lib/documents";
import { directionOf, languageSchema, primaryLanguage } from "@/lib/events/languages";
import { updateTheme, updateThemeInput } from "@/lib/events/themes";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import { versionBooklet } from "./booklet/build";
import { bookletDocument } from "./booklet/docx";
import { typstInput } from "./booklet/typst";
import { publishMilestone } from "./publish";
import { parseFrozen } from "./render";
import { Packer } from "docx";

const ARABIC = "يجب أن تحترم حوكمة البيانات الخصوصية.";

describe("a theme's language", () => {
  it("has a direction from its script, or else from its language", () => {
    expect(["ar", "ar-EG", "he", "fa", "en", "fr-CA", "zh-Hans", "pa-Arab", "ar-Latn"].map(directionOf)).toEqual([
      "rtl",
      "rtl",
      "rtl",
      "rtl",
      "ltr",
      "ltr",
      "ltr",
      "rtl",
      "ltr",
    ]);
    expect(primaryLanguage("pt-BR")).toBe("pt");
    expect(languageSchema.parse("es-419")).toBe("es-419");
  });

  it("is validated, frozen into the version, and marks its HTML and booklets (right to left for Arabic)", async () => {
    const event = await makeEvent(db(), { themes: ["البيانات"] });
    const secretariat = await makeUser(db());
    await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
    expect(() => updateThemeInput.parse({ language: "not a tag!" })).toThrow(/language tag/);
    await updateTheme(secretariat, event.id, event.themes[0].id, updateThemeInput.parse({ language: "AR" }));
    expect((await db().theme.findUniqueOrThrow({ where: { id: event.themes[0].id } })).language).toBe("ar");
    await db().document.update({
      where: { id: event.themes[0].document!.id },
      data: {
        state: documentJsonToUpdate({
          type: "doc",
          content: [
            { type: "heading", attrs: { sectionId: "s" }, content: [{ type: "text", text: "الحقوق" }] },
            {
              type: "message",
              attrs: { messageId: "m" },
              content: [{ type: "paragraph", content: [{ type: "text", text: ARABIC }] }],
            },
          ],
        }),
      },
    });
    const { versions } = await publishMilestone(event.id, "DAY3", secretariat, new Date());
    const version = await db().version.findUniqueOrThrow({ where: { id: versions[0].versionId } });
    expect(parseFrozen(version.canonicalJson).language).toBe("ar");
    expect(version.html.startsWith('<div lang="ar" dir="rtl">\n')).toBe(true);

    const booklet = (await versionBooklet(version.id, "https://rapporteur.test"))!;
    expect(booklet.lang).toBe("ar");
    expect(booklet.themes[0]).toMatchObject({ lang: "ar", dir: "rtl" });
    expect(JSON.parse(typstInput(booklet)).themes[0].lang).toBe("ar");
    const zip = await JSZip.loadAsync(await Packer.toBuffer(bookletDocument(booklet)));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("<w:bidi/>");
    expect(xml).toContain("<w:rtl/>");
  });
});
