import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { anyWithin, documentRuns } from "../src/answer/documents.js";
import { UNIT_FEATURES } from "../src/answer/features.js";
import type { IndexedParagraph } from "../src/index-store/corpus.js";
import { openAnswerer } from "../src/open-service.js";
import { seedConfig } from "./support/seed-index.js";

describe("a name the unit's whole document never states (namesMissingDocument)", () => {
  it("is 1 for units of documents without it and 0 for units of documents with it, over the seeds' index as served", async () => {
    const answerer = await openAnswerer(seedConfig());
    const units = answerer.featured(await answerer.retrieve("Who is the prime minister of Thailand?"));
    const column = UNIT_FEATURES.indexOf("namesMissingDocument");
    const naming = new Set(readdirSync("seeds").filter((f) => readFileSync(join("seeds", f), "utf8").includes("Thailand")));
    for (const u of units) expect(u.features[column], u.paragraph.file).toBe(naming.has(u.paragraph.file) ? 0 : 1);
    // Both kinds are retrieved, so each case above is exercised.
    expect(new Set(units.map((u) => u.features[column]))).toEqual(new Set([0, 1]));
  });

  it("counts an acronym the paragraph spells out as stated, by its initials (GDP: gross domestic product)", async () => {
    const answerer = await openAnswerer(seedConfig());
    const units = answerer.featured(await answerer.retrieve("What share of GDP is Japan's defence spending being pushed toward?"));
    const spelt = units.filter((u) => /gross domestic product/i.test(u.display));
    expect(spelt.length).toBeGreaterThan(0);
    for (const u of spelt) {
      // Only "Japan" is absent from that paragraph, a name on nearly every page (small IDF); GDP, the rare one, is there.
      expect(u.features[UNIT_FEATURES.indexOf("namesMissing")]).toBeLessThan(0.1);
      expect(u.features[UNIT_FEATURES.indexOf("namesMissingDocument")]).toBe(0);
    }
  });
});

describe("where a document's paragraphs lie among the index's positions", () => {
  const paragraph = (file: string) => ({ file }) as IndexedParagraph;

  it("gives one run per stretch of a document, and finds a position inside any of them", () => {
    const runs = documentRuns(["a", "a", "b", "a", undefined, "c"].map((f) => (f ? paragraph(f) : undefined)));
    expect(runs.get("a")).toEqual([[0, 2], [3, 4]]);
    expect(runs.get("b")).toEqual([[2, 3]]);
    expect(anyWithin(Int32Array.from([2, 5]), runs.get("a")!)).toBe(false);
    expect(anyWithin(Int32Array.from([2, 3, 5]), runs.get("a")!)).toBe(true);
    expect(anyWithin(Int32Array.from([0]), runs.get("a")!)).toBe(true);
    expect(anyWithin(new Int32Array(0), runs.get("c")!)).toBe(false);
  });
});
