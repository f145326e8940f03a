import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { setBooklet, versionBooklet } from "./build";
import { renderDocx } from "./docx";
import type { Booklet } from "./model";
import { renderPdf } from "./typst";

export type BookletFormat = "pdf" | "docx";

export const BOOKLET_TYPES: Record<BookletFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

export interface BookletFile {
  bytes: Uint8Array;
  sha256: string;
  fileName: string;
}

/**
 * A booklet's bytes: generated on the first request and stored, then served
 * from the store forever, so that every download is byte-identical (a DOCX
 * carries its generation time; a later version of the generator might lay
 * the PDF out differently) and a booklet costs its generation once.
 */
async function stored(key: string, format: BookletFormat, build: () => Promise<Booklet | null>): Promise<BookletFile | null> {
  const found = await db().booklet.findUnique({ where: { key } });
  if (found) return { bytes: found.bytes, sha256: found.sha256, fileName: found.fileName };
  const booklet = await build();
  if (!booklet) return null;
  const bytes = format === "pdf" ? await renderPdf(booklet) : await renderDocx(booklet);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const fileName = `${booklet.fileName}.${format}`;
  // Two first requests at once: the first stored wins, and both serve it.
  await db().booklet.createMany({ data: [{ key, bytes: new Uint8Array(bytes), sha256, fileName }], skipDuplicates: true });
  const kept = await db().booklet.findUniqueOrThrow({ where: { key } });
  return { bytes: kept.bytes, sha256: kept.sha256, fileName: kept.fileName };
}

export function versionBookletFile(versionId: string, format: BookletFormat, origin: string) {
  return stored(`version:${versionId}:${format}`, format, () => versionBooklet(versionId, origin));
}

export async function setBookletFile(eventSlug: string, milestone: string, format: BookletFormat, origin: string) {
  const booklet = await setBooklet(eventSlug, milestone, origin);
  if (!booklet) return null;
  // "latest" is stored under the set it names today.
  return stored(`${booklet.source}:${format}`, format, () => Promise.resolve(booklet));
}
