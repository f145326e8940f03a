import { createDb } from "@/lib/db";
import { publishMilestone } from "@/lib/publishing/publish";
import { setBooklet } from "@/lib/publishing/booklet/build";
import { renderDocx } from "@/lib/publishing/booklet/docx";
import { renderPdf } from "@/lib/publishing/booklet/typst";
import { DEMO_EVENT, seedDemo } from "@/prisma/seed";
import { round } from "./measure";
import type { BenchWorld } from "./setup";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The demo's three-theme Final message set as a booklet: the time to build
 * it from the stored versions and render it as PDF and as DOCX. The first
 * PDF includes loading the compiler and its fonts (a server's first booklet);
 * the median is over the runs after it.
 */
export async function runBookletBench(world: BenchWorld, runs = 5) {
  const db = createDb(world.databaseUrl);
  await seedDemo(db);
  const event = await db.event.findUniqueOrThrow({ where: { slug: DEMO_EVENT } });
  for (const kind of ["DAY4", "FINAL"] as const) await publishMilestone(event.id, kind, null, new Date(), db);
  const times = { pdf: [] as number[], docx: [] as number[], pages: 0, pdfBytes: 0, docxBytes: 0 };
  for (let i = 0; i <= runs; i++) {
    let started = performance.now();
    const booklet = (await setBooklet(DEMO_EVENT, "final", "https://rapporteur.example"))!;
    const pdf = await renderPdf(booklet);
    times.pdf.push(performance.now() - started);
    started = performance.now();
    const docx = await renderDocx(booklet);
    times.docx.push(performance.now() - started);
    times.pdfBytes = pdf.length;
    times.docxBytes = docx.length;
  }
  await db.$disconnect();
  return {
    firstPdfMs: round(times.pdf[0]),
    pdfMs: round(median(times.pdf.slice(1))),
    docxMs: round(median(times.docx.slice(1))),
    pdfKiB: round(times.pdfBytes / 1024),
    docxKiB: round(times.docxBytes / 1024),
  };
}
