import { describe, expect, it } from "vitest";
import { checkOrder, instantToLocal, localToInstant } from "@/lib/events/schedule";

describe("milestone times in the event's zone", () => {
  it("converts a winter date in Berlin (UTC+1)", () => {
    expect(localToInstant("2019-11-28T08:00", "Europe/Berlin").toISOString()).toBe("2019-11-28T07:00:00.000Z");
  });
  it("converts a summer date in Berlin (UTC+2)", () => {
    expect(localToInstant("2020-06-10T08:00", "Europe/Berlin").toISOString()).toBe("2020-06-10T06:00:00.000Z");
  });
  it("handles the week the clocks change", () => {
    // Clocks went back on Sunday 27 October 2019 at 03:00 CEST.
    expect(localToInstant("2019-10-26T08:00", "Europe/Berlin").toISOString()).toBe("2019-10-26T06:00:00.000Z");
    expect(localToInstant("2019-10-28T08:00", "Europe/Berlin").toISOString()).toBe("2019-10-28T07:00:00.000Z");
  });
  it("refuses a wall-clock time the clocks skip", () => {
    expect(() => localToInstant("2019-03-31T02:30", "Europe/Berlin")).toThrow(/does not exist/);
  });
  it("refuses garbage", () => {
    expect(() => localToInstant("tomorrow at eight", "Europe/Berlin")).toThrow(/not a date/);
  });
  it("shows an instant as local wall-clock time", () => {
    expect(instantToLocal(new Date("2019-11-28T07:00:00Z"), "Europe/Berlin")).toBe("2019-11-28T08:00");
  });
});

describe("milestone order", () => {
  const at = (iso: string) => new Date(iso);
  it("accepts Day 3 < Day 4 < Final", () => {
    expect(() =>
      checkOrder([
        { kind: "DAY3", dueAt: at("2019-11-28T07:00Z"), publishedAt: null },
        { kind: "DAY4", dueAt: at("2019-11-29T07:00Z"), publishedAt: null },
        { kind: "FINAL", dueAt: at("2019-11-29T17:00Z"), publishedAt: null },
      ]),
    ).not.toThrow();
  });
  it("refuses Day 4 before Day 3", () => {
    expect(() =>
      checkOrder([
        { kind: "DAY3", dueAt: at("2019-11-29T07:00Z"), publishedAt: null },
        { kind: "DAY4", dueAt: at("2019-11-28T07:00Z"), publishedAt: null },
      ]),
    ).toThrow("Day 4 must come after Day 3.");
  });
  it("compares a published milestone by its publication time", () => {
    // Day 3 was due on the 30th but published early on the 27th: Day 4 on the 28th is fine.
    expect(() =>
      checkOrder([
        { kind: "DAY3", dueAt: at("2019-11-30T07:00Z"), publishedAt: at("2019-11-27T07:00Z") },
        { kind: "DAY4", dueAt: at("2019-11-28T07:00Z"), publishedAt: null },
      ]),
    ).not.toThrow();
  });
});
