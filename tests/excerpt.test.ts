import { describe, expect, it } from "vitest";
import { excerpt } from "../src/text/excerpt.js";

describe("excerpt", () => {
  it("cuts at a word, with an ellipsis", () => {
    expect(excerpt("The committee has deliberated at length", 24)).toBe("The committee has…");
    expect(excerpt("short", 24)).toBe("short");
  });

  it("cuts a text without spaces between whole characters: no half emoji, no accent torn from its letter", () => {
    const emoji = "长城".repeat(5) + "😀".repeat(10);
    for (let max = 10; max < emoji.length; max++) {
      const cut = excerpt(emoji, max);
      expect(cut.length).toBeLessThanOrEqual(max + 1);
      expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(excerpt("e\u0301".repeat(20), 9)).toBe(`${"e\u0301".repeat(4)}…`);
  });
});
