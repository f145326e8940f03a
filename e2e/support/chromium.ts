import chromium from "@sparticuz/chromium";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * A Chromium for the end-to-end tests that `npm install` provides: the one
 * inside the @sparticuz/chromium npm package (no download at test time).
 * It unpacks into os.tmpdir() and reuses whatever it finds there, so we point
 * TMPDIR at a folder keyed by the package version and mark a finished unpack.
 */
export async function chromiumForTests(root: string): Promise<{ executablePath: string; env: Record<string, string> }> {
  const version = JSON.parse(readFileSync(path.join(root, "node_modules/@sparticuz/chromium/package.json"), "utf8")).version;
  const dir = path.join(root, ".data", `chromium-${version}`);
  const done = path.join(dir, "unpacked");
  if (!existsSync(done)) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  let executablePath: string;
  try {
    executablePath = await chromium.executablePath();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
  writeFileSync(done, version);
  // Without any font Chromium crashes on pages with inputs: use the system's fonts and the package's own.
  const fontsConf = path.join(dir, "fonts.conf");
  writeFileSync(
    fontsConf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>/usr/share/fonts</dir>\n  <dir>${path.join(dir, "fonts")}</dir>\n  <cachedir>${path.join(dir, "fontcache")}</cachedir>\n</fontconfig>\n`,
  );
  return { executablePath, env: { FONTCONFIG_FILE: fontsConf } };
}
