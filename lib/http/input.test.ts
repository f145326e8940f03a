import { describe, expect, it } from "vitest";
import { badAddress, forbiddenCharacterAt, hasForbiddenCharacter, text } from "./input";

describe("input at the boundary", () => {
  it("refuses NUL, other control characters, lone surrogates and noncharacters; keeps text, tabs, line breaks and emoji", () => {
    for (const bad of ["a\u0000b", "\u0007", "\uFFFF", "\uFDD0", "\uD800 alone", "alone \uDC00"])
      expect(hasForbiddenCharacter(bad)).toBe(true);
    for (const good of ["Data governance", "line\nbreak\ttab\r", "مرحبا", "数据治理", "🌍 👩🏽‍💻"])
      expect(hasForbiddenCharacter(good)).toBe(false);
    expect(text(10).safeParse("a\u0000").success).toBe(false);
    expect(text(3).safeParse("abcd").success).toBe(false);
    expect(text(10).safeParse("fine").success).toBe(true);
  });

  it("names the first field of a body that holds one, keys and nested values included", () => {
    expect(forbiddenCharacterAt({ title: "ok", organisers: [{ name: "ok" }, { name: "x\u0000" }] })).toBe("organisers.1.name");
    expect(forbiddenCharacterAt({ "k\u0000": 1 })).toBe("k\u0000");
    expect(forbiddenCharacterAt("\u0000")).toBe("body");
    expect(forbiddenCharacterAt({ a: [1, true, null, "fine"] })).toBeNull();
  });

  it("finds what is wrong with an address: a malformed escape, a NUL in the path or the query", () => {
    expect(badAddress(new URL("http://app.test/events/%E0%A4%A"))).toMatch(/malformed/);
    expect(badAddress(new URL("http://app.test/events/a%00b"))).toMatch(/cannot be stored/);
    expect(badAddress(new URL("http://app.test/events/x/programme?theme=%00"))).toMatch(/^theme: /);
    expect(badAddress(new URL("http://app.test/events/x/programme?theme=security&day=2019-11-26"))).toBeNull();
  });
});
