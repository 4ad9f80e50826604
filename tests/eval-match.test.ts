import { describe, expect, it } from "vitest";
import { containsTerm, includesEntry } from "../src/eval/match.js";

describe("must_include matching", () => {
  it("never matches a number inside a longer number", () => {
    expect(containsTerm("from 8.1 billion yen to 18.1 billion yen", "8.1 billion")).toBe(true);
    expect(containsTerm("a total of 18.1 billion yen", "8.1 billion")).toBe(false);
    expect(containsTerm("in 2016", "16")).toBe(false);
    expect(containsTerm("with 16 countries", "16")).toBe(true);
    expect(containsTerm("rising by 21.6%", "21.6%")).toBe(true);
    expect(containsTerm("a 3.15 billion", "3.1")).toBe(false);
  });

  it("is case-insensitive, starts at a word boundary and allows a plural", () => {
    expect(containsTerm("Diving Support Vessels", "diving support vessel")).toBe(true);
    expect(containsTerm("paramilitary", "military")).toBe(false);
  });

  it("takes alternatives separated by |", () => {
    expect(includesEntry("a push toward two percent of GDP", "two percent|2 percent|2%")).toBe(true);
    expect(includesEntry("about 3 percent", "two percent|2 percent|2%")).toBe(false);
  });
});
