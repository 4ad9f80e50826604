import { STOPWORDS, tokenize } from "../text/terms.js";
import type { WordVectorTable } from "./word-vector-format.js";

/**
 * The whole word-vector table for the Worker, where it cannot sit in the bundle (38 MB against
 * Workers' 3 MB / 10 MB limits): split by a hash of the word into SHARDS files served as static
 * assets, read only for the words a question uses that the bundle lacks. The bundle carries the
 * corpus's own vocabulary and the most frequent English words (scripts/build-worker.ts), so
 * most questions read no shard at all and a question's answer units never wait for one.
 *
 * 256 shards of ~150 KB: a rare word costs one small read (under wrangler dev, 32 shards of
 * 1.2 MB made a question's first answer take 0.7 s at the median, BENCHMARKS.md).
 */
export const SHARDS = 256;

/**
 * Shards one question may read: free-plan Workers may make 50 subrequests per request. A
 * question with rare words in more shards than this (only a long list of rare words has) has
 * its remaining words treated as unknown, for that question only.
 */
export const MAX_SHARDS_PER_QUESTION = 32;

/** Words, ranks, scales and int8 components of some rows of the table, as build-worker writes them. */
export interface WordRows {
  words: string[];
  ranks: Int32Array;
  scales: Float32Array;
  values: Int8Array;
}

/** FNV-1a over UTF-16 units: the same shard for a word at build time and on the Worker. */
export function shardOf(word: string): number {
  let h = 2166136261;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
  return (h >>> 0) % SHARDS;
}

const HEADER = 12;

/** Layout: u32 count, u32 dims, u32 word bytes, the words joined by "\n", ranks, scales, values. */
export function encodeRows(rows: WordRows, dims: number): Uint8Array {
  const words = new TextEncoder().encode(rows.words.join("\n"));
  const count = rows.words.length;
  // Ranks and scales start on a 4-byte boundary so they can be read in place.
  const wordEnd = HEADER + words.length;
  const ranksAt = wordEnd + ((4 - (wordEnd % 4)) % 4);
  const scalesAt = ranksAt + count * 4;
  const valuesAt = scalesAt + count * 4;
  const out = new Uint8Array(valuesAt + count * dims);
  const view = new DataView(out.buffer);
  view.setUint32(0, count, true);
  view.setUint32(4, dims, true);
  view.setUint32(8, words.length, true);
  out.set(words, HEADER);
  out.set(new Uint8Array(rows.ranks.buffer, rows.ranks.byteOffset, count * 4), ranksAt);
  out.set(new Uint8Array(rows.scales.buffer, rows.scales.byteOffset, count * 4), scalesAt);
  out.set(new Uint8Array(rows.values.buffer, rows.values.byteOffset, count * dims), valuesAt);
  return out;
}

export function decodeRows(bytes: Uint8Array): WordRows & { dims: number } {
  // A private copy: the typed arrays below need an aligned buffer of their own.
  const buffer = bytes.slice().buffer;
  const view = new DataView(buffer);
  const count = view.getUint32(0, true);
  const dims = view.getUint32(4, true);
  const wordBytes = view.getUint32(8, true);
  const wordEnd = HEADER + wordBytes;
  const ranksAt = wordEnd + ((4 - (wordEnd % 4)) % 4);
  const scalesAt = ranksAt + count * 4;
  const valuesAt = scalesAt + count * 4;
  if (buffer.byteLength !== valuesAt + count * dims) throw new Error("word-vector shard is truncated");
  const words = count ? new TextDecoder().decode(new Uint8Array(buffer, HEADER, wordBytes)).split("\n") : [];
  return {
    dims,
    words,
    ranks: new Int32Array(buffer, ranksAt, count),
    scales: new Float32Array(buffer, scalesAt, count),
    values: new Int8Array(buffer, valuesAt, count * dims),
  };
}

/**
 * Extra words beyond the bundle kept at most: ~110 bytes each, so ~11 MB of the Worker's 128 MB.
 * Past it the table starts again from the bundle (a hostile stream of invented words cannot
 * grow memory without bound).
 */
const MAX_EXTRA_WORDS = 100_000;

/**
 * A table holding the bundled rows plus whatever words questions have needed so far. Rows are
 * appended; `ranks` keeps each row's rank in the whole vocabulary, so weights and "common word"
 * answers are the same as from the whole table.
 */
export class GrowingWordTable implements WordVectorTable {
  rows = new Map<string, number>();
  ranks: Int32Array;
  scales: Float32Array;
  values: Int8Array;
  readonly dims: number;
  private count = 0;
  /** Words looked up and found absent from the whole vocabulary. */
  private readonly missing = new Set<string>();

  constructor(
    private readonly base: WordRows,
    dims: number,
    readonly size: number,
  ) {
    this.dims = dims;
    this.ranks = new Int32Array(0);
    this.scales = new Float32Array(0);
    this.values = new Int8Array(0);
    this.reset();
  }

  private reset(): void {
    const n = this.base.words.length;
    this.rows = new Map(this.base.words.map((w, i) => [w, i]));
    this.ranks = new Int32Array(n + 1024);
    this.scales = new Float32Array(n + 1024);
    this.values = new Int8Array((n + 1024) * this.dims);
    this.ranks.set(this.base.ranks);
    this.scales.set(this.base.scales);
    this.values.set(this.base.values);
    this.count = n;
    this.missing.clear();
  }

  /** Whether a word still needs looking up (neither held nor known to be absent). */
  unknown(word: string): boolean {
    return !this.rows.has(word) && !this.missing.has(word);
  }

  /** Adds the wanted words that a shard holds; the rest of the wanted are remembered as absent. */
  addFrom(shard: WordRows, wanted: Iterable<string>): void {
    const at = new Map(shard.words.map((w, i) => [w, i]));
    for (const word of wanted) {
      if (!this.unknown(word)) continue;
      const i = at.get(word);
      if (i === undefined) {
        if (this.missing.size >= MAX_EXTRA_WORDS) this.missing.clear();
        this.missing.add(word);
        continue;
      }
      this.append(word, shard.ranks[i]!, shard.scales[i]!, shard.values.subarray(i * this.dims, (i + 1) * this.dims));
    }
  }

  private append(word: string, rank: number, scale: number, vector: Int8Array): void {
    if (this.count >= this.base.words.length + MAX_EXTRA_WORDS) this.reset();
    if (this.count === this.ranks.length) {
      const grow = <T extends Int32Array | Float32Array | Int8Array>(old: T, make: (n: number) => T) => {
        const next = make(old.length * 2);
        next.set(old as never);
        return next;
      };
      this.ranks = grow(this.ranks, (n) => new Int32Array(n));
      this.scales = grow(this.scales, (n) => new Float32Array(n));
      this.values = grow(this.values, (n) => new Int8Array(n));
    }
    const row = this.count++;
    this.rows.set(word, row);
    this.ranks[row] = rank;
    this.scales[row] = scale;
    this.values.set(vector, row * this.dims);
  }
}

/** Rows of a whole table (rows are ranks) for some words, in the order given; words without a vector are left out. */
export function rowsOf(table: WordVectorTable, words: Iterable<string>): WordRows {
  const found = [...words].filter((w) => table.rows.get(w) !== undefined);
  const rows = found.map((w) => table.rows.get(w)!);
  const values = new Int8Array(rows.length * table.dims);
  rows.forEach((row, i) => values.set(table.values.subarray(row * table.dims, (row + 1) * table.dims), i * table.dims));
  return { words: found, ranks: Int32Array.from(rows), scales: Float32Array.from(rows, (r) => table.scales[r]!), values };
}

/** A whole table split into SHARDS encoded shards, shard n holding the words shardOf() puts there. */
export function encodeShards(table: WordVectorTable): Uint8Array[] {
  const words: string[][] = Array.from({ length: SHARDS }, () => []);
  for (const [word] of table.rows.entries()) words[shardOf(word)]!.push(word);
  return words.map((list) => encodeRows(rowsOf(table, list), table.dims));
}

/** The words of a text whose vectors answering may read: the tokens that are not stopwords. */
export function wordsToLookUp(text: string): Set<string> {
  return new Set(tokenize(text).filter((t) => !STOPWORDS.has(t)));
}

/**
 * Makes sure the table holds every word of a text that the whole vocabulary has, reading the
 * shards those words fall in (all at once). `readShard` fetches shard n's bytes.
 */
export async function lookUpWords(table: GrowingWordTable, text: string, readShard: (n: number) => Promise<Uint8Array>): Promise<void> {
  const byShard = new Map<number, string[]>();
  for (const word of wordsToLookUp(text)) {
    if (!table.unknown(word)) continue;
    const shard = shardOf(word);
    if (!byShard.has(shard) && byShard.size >= MAX_SHARDS_PER_QUESTION) continue;
    byShard.set(shard, [...(byShard.get(shard) ?? []), word]);
  }
  const shards = await Promise.all([...byShard.keys()].map(async (n) => [n, decodeRows(await readShard(n))] as const));
  for (const [n, rows] of shards) table.addFrom(rows, byShard.get(n)!);
}
