import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadWordVectorTable, wordVectorCachePath } from "../src/embeddings/word-vector-table.js";
import { groupByFile } from "../src/index-store/corpus.js";
import type { IndexedParagraph } from "../src/index-store/corpus.js";
import { buildDir, currentBuildName } from "../src/index-store/layout.js";
import { readParagraphsLazily } from "../src/index-store/lazy-paragraphs.js";
import { PARAGRAPHS_FILE, readParagraphs, writeParagraphs } from "../src/index-store/serving-files.js";
import { SEED_INDEX, seedConfig } from "./support/seed-index.js";
import { tempDir } from "./support/temp.js";

/** What a start now reads lazily must read exactly as the eager forms did (issue 13: cold start). */
describe("paragraphs parsed on demand", () => {
  it("read as the whole file parsed at once does, by label and by file", async () => {
    const path = join(buildDir(SEED_INDEX, (await currentBuildName(SEED_INDEX))!), PARAGRAPHS_FILE);
    const eager = await readParagraphs(path);
    const lazy = await readParagraphsLazily(path);
    expect(lazy.paragraphs.length).toBe(eager.length);
    expect(JSON.stringify(lazy.paragraphs)).toBe(JSON.stringify(eager));
    expect([...lazy.paragraphs].map((p) => p.text)).toEqual(eager.map((p) => p.text));
    const byFile = groupByFile(eager);
    expect([...lazy.byFile.keys()]).toEqual([...byFile.keys()]);
    for (const [file, list] of byFile) expect(JSON.stringify(lazy.byFile.get(file)!.slice(0, 50))).toBe(JSON.stringify(list.slice(0, 50)));
    // One paragraph is one object, however it is reached.
    const p = lazy.paragraphs[5]!;
    expect(lazy.byFile.get(p.file)![p.n - 1]).toBe(p);
    expect(lazy.paragraphs[eager.length]).toBeUndefined();
  });

  it("groups files whose names need JSON escapes, and a paragraph number missing in between", async () => {
    const dir = await tempDir("lazy-paragraphs");
    const base = { line: 1, endLine: 1, start: 0, end: 1, kind: "prose", hash: "h", context: "", chunkHash: "c" } as const;
    const paragraphs: IndexedParagraph[] = [
      { ...base, file: 'say "hi".txt', n: 1, text: "one" },
      { ...base, file: "back\\slash.md", n: 1, text: "two" },
      { ...base, file: "back\\slash.md", n: 3, text: "three" },
      { ...base, file: "ünï.txt", n: 1, text: "four" },
    ];
    await writeParagraphs(join(dir, "p.ndjson"), paragraphs);
    const lazy = await readParagraphsLazily(join(dir, "p.ndjson"));
    expect([...lazy.byFile.keys()]).toEqual(['say "hi".txt', "back\\slash.md", "ünï.txt"]);
    const slash = lazy.byFile.get("back\\slash.md")!;
    expect(slash.length).toBe(3);
    expect(1 in slash).toBe(false);
    expect(slash.map((p) => p.text)).toEqual(groupByFile(paragraphs).get("back\\slash.md")!.map((p) => p.text));
    expect(lazy.paragraphs[3]!.text).toBe("four");
  });
});

describe("word rows looked up in the table's bytes", () => {
  it("give every word the row a Map of the words gives it (the first where a word repeats)", async () => {
    const config = seedConfig();
    const table = await loadWordVectorTable(config.cacheDir);
    const bytes = await readFile(wordVectorCachePath(config.cacheDir));
    const words = bytes.toString("utf8", 16, 16 + bytes.readUInt32LE(12)).split("\n");
    const rows = new Map<string, number>();
    words.forEach((word, row) => rows.has(word) || rows.set(word, row));
    let differing = 0;
    for (const word of words) if (table.rows.get(word) !== rows.get(word)) differing++;
    expect(differing).toBe(0);
    for (const word of ["frigate", "naïve", "東京", "not-a-wordzz", "", "Frigate "]) expect(table.rows.get(word)).toBe(rows.get(word));
    expect([...table.rows.entries()].length).toBe(rows.size);
  });
});
