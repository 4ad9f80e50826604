import { BoundedCache } from "../text/bounded-cache.js";

/**
 * Typo repair against the corpus's own words: a question word the corpus never uses is read as
 * the most frequent corpus word one edit away (two for long words), counting a swap of two
 * neighbouring letters as one edit ("Malaysai" → "malaysia", "anounce" → "announce").
 *
 * A question may carry many unknown words, so no word is ever compared with the whole
 * vocabulary: an inverted index of letter pairs (with ^ and $ marking the ends) yields the few
 * corpus words that share enough pairs to be within reach, and only those are compared.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** The distinct letter pairs of a word, its ends marked: "bank" → ^b ba an nk k$. */
function letterPairs(word: string): Set<string> {
  const padded = [..."^", ...word, ..."$"];
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < padded.length; i++) pairs.add(padded[i]! + padded[i + 1]!);
  return pairs;
}

/**
 * One edit removes at most this many letter pairs of a word: a swap of neighbours "xaby" →
 * "xbay" loses xa, ab and by (a substitution loses two, an insertion or deletion one or two).
 * So a word within k edits shares at least pairs − 3k of its pairs: a filter without misses.
 */
const PAIRS_LOST_PER_EDIT = 3;
/** Corrections remembered, so a repeated unknown word is looked up once (about 1 MB at most). */
const MEMO_ENTRIES = 10_000;
/** Longer "words" are not typos of corpus words (the longest English words run to about 30 letters). */
const MAX_WORD_LENGTH = 32;
/** Words longer than this may be two edits from what was meant (see lookup). */
const LONG_WORD = 7;

interface Match {
  id: number;
  distance: number;
  count: number;
}

/** Fewer edits, then the more frequent word; ties go to the shorter word, then the one seen first. */
function better(a: Match, b: Match, words: string[]): boolean {
  if (a.distance !== b.distance) return a.distance < b.distance;
  if (a.count !== b.count) return a.count > b.count;
  const lengths = words[a.id]!.length - words[b.id]!.length;
  return lengths !== 0 ? lengths < 0 : a.id < b.id;
}

export class SpellingCorrector {
  private readonly words: string[] = [];
  private readonly counts: number[] = [];
  private readonly postings = new Map<string, number[]>();
  /** Shared pairs per corpus word during one lookup; reset after each. */
  private readonly shared: Uint8Array;
  private readonly memo = new BoundedCache<string, string | null>(MEMO_ENTRIES);

  constructor(
    private readonly known: Map<string, number>,
    /** Real words the corpus happens not to use ("white", "Taiwan") are not typos. */
    private readonly isCommonWord: (word: string) => boolean = () => false,
  ) {
    for (const [word, count] of known) {
      if (!/^\p{L}{3,}$/u.test(word) || word.length > MAX_WORD_LENGTH) continue;
      const id = this.words.push(word) - 1;
      this.counts.push(count);
      for (const pair of letterPairs(word)) {
        let list = this.postings.get(pair);
        if (!list) this.postings.set(pair, (list = []));
        list.push(id);
      }
    }
    this.shared = new Uint8Array(this.words.length);
  }

  /** The corpus word a misspelt one stands for, or undefined when it is not a typo we can fix. */
  correct(word: string): string | undefined {
    if (word.length < 4 || word.length > MAX_WORD_LENGTH || this.known.has(word) || !/^\p{L}+$/u.test(word)) return undefined;
    let found = this.memo.get(word);
    if (found === undefined) {
      found = this.isCommonWord(word) ? null : this.lookup(word);
      this.memo.set(word, found);
    }
    return found ?? undefined;
  }

  private lookup(word: string): string | null {
    // Edits allowed: one, two past seven letters. Set by hand in the first round (commit 2bc3ef3),
    // stricter than Elasticsearch's AUTO fuzziness (two past five); not tuned here.
    const limit = word.length > LONG_WORD ? 2 : 1;
    const pairs = letterPairs(word);
    const needed = pairs.size - PAIRS_LOST_PER_EDIT * limit;
    // Too few pairs to tell candidates apart ("aaaaaaaa"): not a typo we can place.
    if (needed < 1) return null;
    const touched: number[] = [];
    for (const pair of pairs) {
      for (const id of this.postings.get(pair) ?? []) {
        if (this.shared[id] === 0) touched.push(id);
        this.shared[id]!++;
      }
    }
    let best: { id: number; distance: number; count: number } | undefined;
    for (const id of touched) {
      const candidate = this.words[id]!;
      if (this.shared[id]! < needed || Math.abs(candidate.length - word.length) > limit) continue;
      const distance = editDistance(word, candidate, limit);
      const count = this.counts[id]!;
      if (distance <= limit && (!best || better({ id, distance, count }, best, this.words))) best = { id, distance, count };
    }
    for (const id of touched) this.shared[id] = 0;
    return best ? this.words[best.id]! : null;
  }
}
