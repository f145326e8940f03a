import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { CATALOGUES } from "@/lib/i18n/catalogues";
import { FORMAT_LOCALE, LOCALES, negotiateLocale, resolveLocale } from "@/lib/i18n/locales";
import { formatWhen } from "@/lib/i18n/dates";

type Tree = { [key: string]: string | Tree };

/** Every message of a catalogue, by its dotted key. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

type Element = { type: number; value?: unknown; options?: Record<string, { value: Element[] }>; children?: Element[] };

/** The arguments a message takes ({name}, {count, plural, …}, <tag>), read from its ICU syntax tree; every translation keeps them. */
function argumentsOf(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (elements: Element[]) => {
    for (const element of elements) {
      // Literal text (0) and the plural's "#" (7) take no argument.
      if (element.type === 8) names.add(`<${String(element.value)}>`);
      else if (element.type !== 0 && element.type !== 7) names.add(String(element.value));
      for (const option of Object.values(element.options ?? {})) walk(option.value);
      walk(element.children ?? []);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst());
  return [...names].sort();
}

const english = flatten(CATALOGUES.en);

describe("the catalogues", () => {
  it.each(LOCALES.filter((l) => l !== "en"))("%s has every English key and no other", (locale) => {
    const other = flatten(CATALOGUES[locale]);
    expect([...other.keys()].filter((k) => !english.has(k))).toEqual([]);
    expect([...english.keys()].filter((k) => !other.has(k))).toEqual([]);
    expect([...other.values()].filter((v) => v.trim() === "")).toEqual([]);
  });

  it.each(LOCALES)("every %s message is valid ICU and takes the English arguments", (locale) => {
    const messages = flatten(CATALOGUES[locale]);
    const broken: string[] = [];
    for (const [key, message] of messages) {
      try {
        new IntlMessageFormat(message, locale);
      } catch (error) {
        broken.push(`${key}: ${(error as Error).message}`);
        continue;
      }
      const expected = argumentsOf(english.get(key) ?? "", "en");
      if (JSON.stringify(argumentsOf(message, locale)) !== JSON.stringify(expected)) broken.push(`${key}: arguments differ`);
      // An ASCII apostrophe is ICU's escape character: it would swallow the text after it.
      if (/'/.test(message)) broken.push(`${key}: ASCII apostrophe`);
    }
    expect(broken).toEqual([]);
  });

  it("translates: the French, Spanish and Arabic catalogues are not copies of the English", () => {
    for (const locale of ["fr", "es", "ar"] as const) {
      const other = flatten(CATALOGUES[locale]);
      const same = [...english].filter(([key, value]) => other.get(key) === value && /[a-z]{4}/.test(value));
      // Names, codes and words shared by the languages may stay the same (Rapporteur, Description, Sessions…): a few, not most.
      expect(same.length, `${locale}: ${same.map(([k]) => k).join(", ")}`).toBeLessThan(english.size / 10);
    }
    const arabic = flatten(CATALOGUES.ar);
    expect(arabic.get("nav.home")).toMatch(/[\u0600-\u06FF]/);
  });
});

describe("the language of a request", () => {
  it("follows the user's setting, then this browser's choice, then Accept-Language, else English", () => {
    expect(resolveLocale({ userLocale: "ar", cookie: "fr", acceptLanguage: "es" })).toBe("ar");
    expect(resolveLocale({ userLocale: null, cookie: "fr", acceptLanguage: "es" })).toBe("fr");
    expect(resolveLocale({ userLocale: "xx", cookie: "zz", acceptLanguage: "es-MX,es;q=0.9" })).toBe("es");
    expect(resolveLocale({})).toBe("en");
  });

  it("picks the best of our languages from Accept-Language, by quality", () => {
    expect(negotiateLocale("fr-CH, fr;q=0.9, en;q=0.8")).toBe("fr");
    expect(negotiateLocale("de-DE,de;q=0.9,ar;q=0.5,en;q=0.4")).toBe("ar");
    expect(negotiateLocale("de, ja")).toBe("en");
    expect(negotiateLocale("*")).toBe("en");
    expect(negotiateLocale("not a header;;q=x")).toBe("en");
  });

  it("formats dates per language in the event's time zone", () => {
    const at = "2026-12-01T14:30:00Z";
    expect(formatWhen("en", at, "Europe/Berlin")).toBe("1 Dec 2026, 15:30");
    expect(formatWhen("fr", at, "Europe/Berlin", "day")).toBe("mardi 1 décembre");
    expect(formatWhen("ar", at, "Asia/Riyadh", "day")).toMatch(/ديسمبر/);
    expect(formatWhen("es", at, "America/Mexico_City", "time")).toBe("08:30");
    expect(Object.keys(FORMAT_LOCALE).sort()).toEqual([...LOCALES].sort());
  });
});

// ---------------------------------------------------------------------------
// No UI string outside the catalogues

const ROOTS = ["app", "components"];
/** Attributes whose value a person reads or hears. */
const TEXT_ATTRIBUTES = new Set(["aria-label", "aria-description", "title", "placeholder", "alt", "label", "submit", "summary"]);
/**
 * Text that is the same in every language: the product's name, file formats,
 * commands, keys, example addresses, paths, symbols and punctuation.
 */
const ALLOWED =
  /^(Rapporteur|PDF|JSON|HTML|Markdown|·? ?SHA-256|CSV|UTC|sha256sum|https:\/\/|Ctrl\+Alt\+[A-Z]|[a-z0-9]+(-[a-z0-9]+)+|\/[a-z/]+|[\s\p{P}\p{S}\d]*)$/u;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".tsx") && !path.endsWith(".test.tsx") ? [path] : [];
  });
}

/** Literal strings a reader would see: JSX text, text attributes, and strings placed as JSX children. */
function hardCoded(path: string): string[] {
  const text = readFileSync(path, "utf8");
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, value: string) => {
    const trimmed = value.replace(/\s+/g, " ").trim();
    if (trimmed === "" || ALLOWED.test(trimmed) || !/\p{L}{2}/u.test(trimmed)) return;
    const { line } = file.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${relative(process.cwd(), path)}:${line + 1}: ${trimmed}`);
  };
  /** Strings that end up as text: a literal, or either branch of a condition or fallback. */
  const visitValue = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) report(node, node.text);
    else if (ts.isTemplateExpression(node)) {
      report(node, [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" "));
    } else if (ts.isConditionalExpression(node)) {
      visitValue(node.whenTrue);
      visitValue(node.whenFalse);
    } else if (
      ts.isBinaryExpression(node) &&
      [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(
        node.operatorToken.kind,
      )
    ) {
      visitValue(node.right);
      if (node.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) visitValue(node.left);
    } else if (ts.isParenthesizedExpression(node)) visitValue(node.expression);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      visitValue(node.expression);
    } else if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText())) {
      const value = node.initializer;
      if (value && ts.isStringLiteral(value)) report(value, value.text);
      else if (value && ts.isJsxExpression(value) && value.expression) visitValue(value.expression);
    } else if (
      ts.isCallExpression(node) &&
      /^window\.(confirm|prompt|alert)$/.test(node.expression.getText()) &&
      node.arguments[0]
    ) {
      visitValue(node.arguments[0]);
    } else if (ts.isNewExpression(node) && /^(Error|ApiError)$/.test(node.expression.getText()) && node.arguments?.[0]) {
      visitValue(node.arguments[0]);
    } else if (
      ts.isCallExpression(node) &&
      /^(setError|setNotice|setProblem|setAnnouncement)$/.test(node.expression.getText()) &&
      node.arguments[0]
    ) {
      visitValue(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe("the interface's text", () => {
  it("comes from the catalogues: no literal text in the pages and components", () => {
    const files = ROOTS.flatMap((root) => sourceFiles(root));
    expect(files.length).toBeGreaterThan(40);
    expect(files.flatMap(hardCoded)).toEqual([]);
  });

  it("the scan finds what it looks for", () => {
    const sample = join(process.cwd(), "lib/i18n/fixtures/hard-coded.tsx");
    expect(hardCoded(sample)).toHaveLength(6);
  });
});
