import { z } from "zod";

/**
 * Characters no text we store may hold: NUL (Postgres refuses it in text) and
 * the other C0 controls but tab, line feed and carriage return; surrogates
 * without their pair (not text, and not valid UTF-8 once stored); and the
 * noncharacters U+FDD0–U+FDEF, U+FFFE and U+FFFF.
 */
const FORBIDDEN =
  // Matching control characters is the point of this expression.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const FORBIDDEN_CHARACTER = "contains a character that cannot be stored (NUL or another control character)";

export const hasForbiddenCharacter = (value: string): boolean => FORBIDDEN.test(value);

/** The shared string schema of every input: at most `max` characters, none of them forbidden. */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !hasForbiddenCharacter(value), FORBIDDEN_CHARACTER);

/**
 * Where the first forbidden character sits in a parsed JSON value (a key or a
 * string, at any depth), as a field path such as `organisers.0.name`; null
 * when there is none. Checked on every request body before any schema runs,
 * so no field of any route can carry one into the database.
 */
export function forbiddenCharacterAt(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return hasForbiddenCharacter(value) ? path.join(".") || "body" : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = forbiddenCharacterAt(value[i], [...path, String(i)]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (hasForbiddenCharacter(key)) return [...path, key].join(".");
      const found = forbiddenCharacterAt(inner, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * What is wrong with an address, as a sentence: a path that does not decode,
 * or a path or query parameter holding a forbidden character; null if nothing.
 */
export function badAddress(url: URL): string | null {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return "The address holds a malformed percent-escape.";
  }
  if (hasForbiddenCharacter(path)) return `The address ${FORBIDDEN_CHARACTER}.`;
  for (const [name, value] of url.searchParams) {
    if (hasForbiddenCharacter(name) || hasForbiddenCharacter(value)) return `${name.slice(0, 40)}: ${FORBIDDEN_CHARACTER}.`;
  }
  return null;
}
