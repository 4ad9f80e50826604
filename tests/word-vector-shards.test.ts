import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { WordSimilarity } from "../src/embeddings/word-similarity.js";
import type { WordVectorTable } from "../src/embeddings/word-vector-format.js";
import {
  GrowingWordTable,
  MAX_SHARDS_PER_QUESTION,
  SHARDS,
  decodeRows,
  encodeShards,
  lookUpWords,
  rowsOf,
  shardOf,
  wordsToLookUp,
} from "../src/embeddings/word-vector-shards.js";
import { loadWordVectorTable, wordVectorVersion } from "../src/embeddings/word-vector-table.js";
import { WordVectorEmbeddings } from "../src/embeddings/word-vectors.js";

/** The Worker's view of the word vectors: a few bundled words, the rest read from shards. */
let whole: WordVectorTable;
let shards: Uint8Array[];

beforeAll(async () => {
  whole = await loadWordVectorTable(loadConfig().cacheDir);
  shards = encodeShards(whole);
}, 60_000);

const questions = ["tests/questions.json", "tests/holdout.json", "datasets/seeds/dev.json"].flatMap(
  (file) => (JSON.parse(readFileSync(file, "utf8")) as { question: string }[]).map((q) => q.question),
);
// Rare words (ranks 20k–300k) and words in no vocabulary, so shards are really read.
const RARE = "Do militaries restrict corvettes, frigates and miso soup? Zorblaxian qwzzt enshrouded";

function partial(bundle: string[]) {
  const table = new GrowingWordTable(rowsOf(whole, bundle), whole.dims, whole.size);
  const reads: number[] = [];
  const readShard = async (n: number) => {
    reads.push(n);
    return shards[n]!;
  };
  return { table, reads, prepare: (text: string) => lookUpWords(table, text, readShard) };
}

describe("word-vector shards (how the Worker reads words beyond its bundle)", () => {
  it("hold every word of the table exactly once, each in the shard its hash names", () => {
    expect(shards).toHaveLength(SHARDS);
    const seen = new Set<string>();
    let misplaced = 0;
    shards.forEach((bytes, n) => {
      const rows = decodeRows(bytes);
      expect(rows.dims).toBe(whole.dims);
      for (const word of rows.words) {
        if (shardOf(word) !== n) misplaced++;
        seen.add(word);
      }
    });
    expect(misplaced).toBe(0);
    expect(seen.size).toBe([...whole.rows.entries()].length);
  });

  it("give a partial table the same similarities, common words and sentence vectors as the whole table", async () => {
    const bundle = ["frigate", "fund", "malaysia", "budget"];
    const { table, prepare } = partial(bundle);
    const [exact, edge] = [new WordSimilarity(whole), new WordSimilarity(table)];
    const [exactVectors, edgeVectors] = [new WordVectorEmbeddings(whole, wordVectorVersion()), new WordVectorEmbeddings(table, wordVectorVersion())];
    for (const question of [...questions, RARE]) {
      await prepare(question);
      const words = [...wordsToLookUp(question)];
      for (const a of words) {
        expect(edge.isCommonWord(a)).toBe(exact.isCommonWord(a));
        for (const b of [...bundle, ...words]) expect(edge.similarity(a, b)).toBe(exact.similarity(a, b));
      }
      expect(edgeVectors.embed(question)).toEqual(exactVectors.embed(question));
    }
    // Without the shards, the rare words would be unknown and the vectors differ.
    const bare = new WordVectorEmbeddings(new GrowingWordTable(rowsOf(whole, bundle), whole.dims, whole.size), wordVectorVersion());
    expect(bare.embed(RARE)).not.toEqual(exactVectors.embed(RARE));
  });

  it("read a shard once per new word, never for bundled or known-absent words", async () => {
    const { reads, prepare } = partial(["militaries"]);
    await prepare(RARE);
    const first = reads.length;
    expect(first).toBeGreaterThan(0);
    expect(new Set(reads).size).toBe(first);
    await prepare(RARE);
    expect(reads.length).toBe(first);
  });

  it("read at most MAX_SHARDS_PER_QUESTION shards for one question, the rest on a later one", async () => {
    const { table, reads, prepare } = partial([]);
    // Common words spread over far more shards than the cap.
    const many = [...whole.rows.entries()].filter(([w, rank]) => rank > 100 && rank < 2000 && /^[a-z]+$/.test(w)).map(([w]) => w).slice(0, 400).join(" ");
    await prepare(many);
    expect(reads.length).toBe(MAX_SHARDS_PER_QUESTION);
    const unread = [...wordsToLookUp(many)].filter((w) => table.unknown(w));
    expect(unread.length).toBeGreaterThan(0);
    await prepare(unread.slice(0, 5).join(" "));
    for (const w of unread.slice(0, 5)) expect(table.unknown(w)).toBe(false);
  });
});
