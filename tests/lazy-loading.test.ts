import { cp, open, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadWordVectorTable, wordVectorCachePath } from "../src/embeddings/word-vector-table.js";
import { groupByFile } from "../src/index-store/corpus.js";
import type { IndexedParagraph } from "../src/index-store/corpus.js";
import { IndexDamagedError, buildDir, currentBuildName } from "../src/index-store/layout.js";
import { loadIndex } from "../src/index-store/load.js";
import { readParagraphsLazily } from "../src/index-store/lazy-paragraphs.js";
import { PARAGRAPHS_FILE, readBm25, readParagraphs, writeBm25, writeParagraphs } from "../src/index-store/serving-files.js";
import { readQuestionSet } from "../src/eval/question-set.js";
import { Bm25Builder, Bm25Index } from "../src/retrieval/bm25.js";
import { paragraphTerms } from "../src/retrieval/hybrid.js";
import { contentTerms } from "../src/text/terms.js";
import { CANONICAL, SEED_INDEX, seedConfig } from "./support/seed-index.js";
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

/** A copy of the seed index, to damage or delete without touching the shared one. */
async function seedIndexCopy(): Promise<{ indexDir: string; dir: string }> {
  const indexDir = join(await tempDir("seed-copy"), "index");
  await cp(SEED_INDEX, indexDir, { recursive: true });
  return { indexDir, dir: buildDir(indexDir, (await currentBuildName(indexDir))!) };
}

describe("paragraphs read from their file", () => {
  it("reads lines split between the reader's 1 MB pieces, one longer than a piece among them", async () => {
    const dir = await tempDir("lazy-pieces");
    const base = { line: 1, endLine: 1, start: 0, end: 1, kind: "prose", hash: "h", context: "", chunkHash: "c" } as const;
    // ~1.6 KB lines, so lines straddle each piece's end; one of 2.5 MB spans three pieces.
    const paragraphs: IndexedParagraph[] = Array.from({ length: 2000 }, (_, i) => ({ ...base, file: `f${i % 7}.txt`, n: Math.floor(i / 7) + 1, text: `${i} ${"word ".repeat(300 + (i % 50))}` }));
    paragraphs[900] = { ...paragraphs[900]!, text: "long ".repeat(500_000) };
    await writeParagraphs(join(dir, "p.ndjson"), paragraphs);
    const lazy = await readParagraphsLazily(join(dir, "p.ndjson"));
    expect(lazy.paragraphs.length).toBe(paragraphs.length);
    expect(JSON.stringify(lazy.paragraphs)).toBe(JSON.stringify(paragraphs));
    expect(lazy.byFile.get("f3.txt")!.map((p) => p.text)).toEqual(groupByFile(paragraphs).get("f3.txt")!.map((p) => p.text));
  });

  it("keeps a bounded number parsed, reading one again once it has left (the same text)", async () => {
    const dir = await tempDir("lazy-bounded");
    const base = { line: 1, endLine: 1, start: 0, end: 1, kind: "prose", hash: "h", context: "", chunkHash: "c", file: "a.txt" } as const;
    const paragraphs: IndexedParagraph[] = Array.from({ length: 30_000 }, (_, i) => ({ ...base, n: i + 1, text: `paragraph ${i}` }));
    await writeParagraphs(join(dir, "p.ndjson"), paragraphs);
    const lazy = await readParagraphsLazily(join(dir, "p.ndjson"));
    const first = lazy.paragraphs[0]!;
    expect(lazy.paragraphs[0]).toBe(first);
    expect(lazy.paragraphs.map((p) => p.text)).toEqual(paragraphs.map((p) => p.text));
    expect(lazy.paragraphs[0]).not.toBe(first); // read again: the cache holds fewer than 30,000
    expect(lazy.paragraphs[0]).toEqual(first);
  });

  it("stay readable after their build's folder is deleted (ingest prunes old builds while an old service may still answer), BM25's postings too", async () => {
    const { indexDir, dir } = await seedIndexCopy();
    const index = await loadIndex(seedConfig({ INDEX_DIR: indexDir }));
    const expected = JSON.stringify((await readParagraphs(join(dir, PARAGRAPHS_FILE))).slice(0, 40));
    const query = new Map(contentTerms(CANONICAL).map((t) => [t, 1]));
    const hits = index.lexical!.search(query, 10);
    await rm(indexDir, { recursive: true, force: true });
    expect(JSON.stringify(index.paragraphs.slice(0, 40))).toBe(expected);
    // BM25's postings too are read from the (deleted) file, term by term.
    expect(index.lexical!.search(query, 10)).toEqual(hits);
  });
});

describe("BM25 postings read from bm25.bin a term at a time", () => {
  it("score every query exactly as the postings held in memory do", async () => {
    const eager = await readParagraphs(join(buildDir(SEED_INDEX, (await currentBuildName(SEED_INDEX))!), PARAGRAPHS_FILE));
    const builder = new Bm25Builder();
    for (const p of eager) builder.add(paragraphTerms(p));
    const data = builder.build();
    const path = join(await tempDir("bm25"), "bm25.bin");
    await writeBm25(path, data);
    const fromFile = await readBm25(path);
    const inMemory = new Bm25Index(data);
    expect(fromFile.size).toBe(inMemory.size);
    // Every term alone (the longest postings list among them), then the seed questions' terms.
    const queries = data.terms.map((t) => new Map([[t, 1]]));
    for (const q of (await readQuestionSet("tests/questions.json")).map((x) => x.question)) queries.push(new Map(contentTerms(q).map((t) => [t, 1])));
    for (const query of queries) expect(fromFile.search(query, 20)).toEqual(inMemory.search(query, 20));
    for (const t of data.terms.slice(0, 200)) expect(fromFile.idf(t)).toBe(inMemory.idf(t));
  });
});

describe("BM25 search", () => {
  /** Okapi BM25 (k1 1.2, b 0.75) of every paragraph, scored one by one from its term counts: what the index must rank as. */
  function scoredOneByOne(docs: ReturnType<typeof paragraphTerms>[], index: Bm25Index, query: Map<string, number>, k: number) {
    const average = docs.reduce((sum, d) => sum + d.length, 0) / docs.length;
    const lengthNorm = (1.2 * 0.75) / average;
    const scored = docs.map((d, doc) => {
      let score = 0;
      for (const [term, weight] of query) {
        const tf = Math.fround(d.counts.get(term) ?? 0); // stored as 32-bit floats, as the index stores them
        if (tf) score += (index.idf(term) * weight * tf * 2.2) / (tf + 1.2 * 0.25 + lengthNorm * Math.fround(d.length));
      }
      return { doc, score };
    });
    return scored.filter((h) => h.score > 0).sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, k);
  }

  it("ranks as scoring every paragraph one by one does, search after search (its scratch arrays reset between them)", async () => {
    const docs = (await readParagraphs(join(buildDir(SEED_INDEX, (await currentBuildName(SEED_INDEX))!), PARAGRAPHS_FILE))).map(paragraphTerms);
    const index = new Bm25Index(docs);
    const questions = (await readQuestionSet("tests/questions.json")).map((x) => new Map(contentTerms(x.question).map((t) => [t, 1])));
    // The widest query first: every later search runs on the arrays it left behind.
    questions.unshift(new Map(contentTerms("Japan Philippines Malaysia Vietnam security assistance OSA radar frigate billion yen").map((t) => [t, 1])));
    for (const query of questions) {
      const expected = scoredOneByOne(docs, index, query, 20);
      const hits = index.search(query, 20);
      expect(hits.map((h) => h.doc).sort()).toEqual(expected.map((h) => h.doc).sort());
      hits.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]!.score, 9));
    }
  });
});

describe("a build's files checked as they are read", () => {
  /** Flips one byte in the middle of a file, keeping its size: only its sha256 can tell. */
  async function flipByte(path: string): Promise<void> {
    const file = await open(path, "r+");
    const { size } = await file.stat();
    const byte = Buffer.alloc(1);
    await file.read(byte, 0, 1, Math.floor(size / 2));
    byte[0] = byte[0]! ^ 1;
    await file.write(byte, 0, 1, Math.floor(size / 2));
    await file.close();
  }

  it.each([PARAGRAPHS_FILE, "bm25.bin", "shapes.bin", "lexicon.json", "hnswlib.index", "args.json"])("refuses a build whose %s changed after ingest, same size", async (name) => {
    const { indexDir, dir } = await seedIndexCopy();
    await flipByte(join(dir, name));
    const loading = loadIndex(seedConfig({ INDEX_DIR: indexDir }));
    await expect(loading).rejects.toThrow(IndexDamagedError);
    await expect(loading).rejects.toThrow(new RegExp(`${name.replace(".", "\\.")} in .* is corrupt or truncated`));
  });

  it.each(["bm25.bin", "shapes.bin"])("refuses a build with a served file missing: %s", async (name) => {
    const { indexDir, dir } = await seedIndexCopy();
    await rm(join(dir, name));
    const loading = loadIndex(seedConfig({ INDEX_DIR: indexDir }));
    await expect(loading).rejects.toThrow(IndexDamagedError);
    await expect(loading).rejects.toThrow(new RegExp(`${name.replace(".", "\\.")} in .* is missing`));
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
