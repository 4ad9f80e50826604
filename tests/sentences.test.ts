import { describe, expect, it } from "vitest";
import { splitSentences } from "../src/text/sentences.js";

const texts = (source: string) => splitSentences(source).map((s) => s.text);

describe("splitSentences", () => {
  it("keeps a reference mark with the sentence it ends, where ICU cut it in two", () => {
    // Before: "…18.17 or later.[" and "1] It runs on Linux." — a marker split across two answer sentences.
    expect(texts("The Skyline CLI needs Node.js 18.17 or later.[1] It runs on Linux.")).toEqual([
      "The Skyline CLI needs Node.js 18.17 or later.[1]",
      "It runs on Linux.",
    ]);
    expect(texts("Depots close at six.[12]")).toEqual(["Depots close at six.[12]"]);
  });

  it("gives exact slices of the source, the joined pieces included", () => {
    const source = "First one.[3]  Second one. Third, in the U.S. as elsewhere.";
    for (const s of splitSentences(source)) expect(source.slice(s.start, s.end)).toBe(s.text);
    expect(texts(source)).toEqual(["First one.[3]", "Second one.", "Third, in the U.S. as elsewhere."]);
  });

  it("leaves brackets that are no reference mark as they were", () => {
    expect(texts("It works (see [2]). Then it stops.")).toEqual(["It works (see [2]).", "Then it stops."]);
    expect(texts("Values are [1, 2, 3]. Next.")).toEqual(["Values are [1, 2, 3].", "Next."]);
  });

  it("keeps a changelog's pull-request number and a shebang with their sentence", () => {
    // Before: "(#11071)" an answer sentence of its own; "#!" | "/usr/bin/env node at the top."
    expect(texts("Fixed a crash on empty bodies. (#11071)")).toEqual(["Fixed a crash on empty bodies. (#11071)"]);
    expect(texts("Start the file with #!/usr/bin/env node to run it. Then chmod it.")).toEqual([
      "Start the file with #!/usr/bin/env node to run it.",
      "Then chmod it.",
    ]);
    const source = "Fixed it. (#12) Done!";
    for (const s of splitSentences(source)) expect(source.slice(s.start, s.end)).toBe(s.text);
  });

  it("reads a hard-wrapped paragraph's line breaks as spaces, not sentence ends", () => {
    // Before: "…in your libc" | "(e.g. glibc)." and "And" | "Japan's ministry said so." — ICU ends a
    // sentence at every line break.
    const source = "Check the version of your libc\n\t(e.g. glibc). These are used. And\nJapan's ministry said so.";
    expect(texts(source)).toEqual(["Check the version of your libc\n\t(e.g. glibc).", "These are used.", "And\nJapan's ministry said so."]);
    for (const s of splitSentences(source)) expect(source.slice(s.start, s.end)).toBe(s.text);
  });

  it("keeps a full stop inside a token in its sentence", () => {
    // Before: '…"request.' | '**.expect"] } option:' (eslint-plugin-jest's docs).
    expect(texts('Set it: ["expect", "request.**.expect"] } option. Next one.')).toEqual(['Set it: ["expect", "request.**.expect"] } option.', "Next one."]);
    expect(texts("日本は港を支援する。次の文です。")).toEqual(["日本は港を支援する。", "次の文です。"]);
  });

  // Long text is segmented in windows (V8's segmenter slows with the string's length): a sentence
  // at a window's edge must come out once, whole, at its own offsets.
  it("splits a text far longer than its window as it splits each of its parts", () => {
    const part = "The U.S. fleet met at No. 4 pier, e.g. at dawn.[1] It sailed (#11071) at noon. See request.query.limit for more! Was it late? Yes";
    const parts = Array.from({ length: 900 }, (_, i) => `${part} ${i}.`);
    const source = parts.join("\n");
    const expected: { text: string; start: number }[] = [];
    let offset = 0;
    for (const p of parts) {
      for (const s of splitSentences(p)) expected.push({ text: s.text, start: offset + s.start });
      offset += p.length + 1;
    }
    expect(source.length).toBeGreaterThan(100_000);
    expect(splitSentences(source).map(({ text, start }) => ({ text, start }))).toEqual(expected);
  });
});
