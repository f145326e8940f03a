import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./redirects";

describe("sameOriginPath", () => {
  it("keeps paths of the app, with their query and fragment", () => {
    expect(sameOriginPath("/workspace/events/igf-2019?x=1#people")).toBe("/workspace/events/igf-2019?x=1#people");
    expect(sameOriginPath("/events")).toBe("/events");
  });

  it.each([
    ["/\\evil.example", "a backslash, which browsers read as a slash"],
    ["//evil.example", "a protocol-relative URL"],
    ["/\t/evil.example", "a tab that browsers strip"],
    ["/\n/evil.example", "a newline that browsers strip"],
    ["https://evil.example/", "an absolute URL"],
    ["javascript:alert(1)", "a script URL"],
    ["", "nothing"],
    [undefined, "no value"],
  ])("refuses %j (%s)", (value, _why) => {
    expect(sameOriginPath(value)).toBe("/workspace");
  });
});
