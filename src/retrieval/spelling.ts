/**
 * Typo repair against the corpus's own words: a question word the corpus never uses is read as
 * the most frequent corpus word one edit away (two for long words), counting a swap of two
 * neighbouring letters as one edit ("Malaysai" → "malaysia", "anounce" → "announce").
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

export class SpellingCorrector {
  private readonly byLength = new Map<number, [string, number][]>();

  constructor(
    private readonly counts: Map<string, number>,
    /** Real words the corpus happens not to use ("white", "Taiwan") are not typos. */
    private readonly isCommonWord: (word: string) => boolean = () => false,
  ) {
    for (const [word, count] of counts) {
      if (!/^\p{L}{3,}$/u.test(word)) continue;
      const list = this.byLength.get(word.length) ?? [];
      list.push([word, count]);
      this.byLength.set(word.length, list);
    }
  }

  /** The corpus word a misspelt one stands for, or undefined when it is not a typo we can fix. */
  correct(word: string): string | undefined {
    if (word.length < 4 || this.counts.has(word) || !/^\p{L}+$/u.test(word) || this.isCommonWord(word)) return undefined;
    const limit = word.length > 7 ? 2 : 1;
    let best: [string, number, number] | undefined;
    for (let length = word.length - limit; length <= word.length + limit; length++) {
      for (const [candidate, count] of this.byLength.get(length) ?? []) {
        const d = editDistance(word, candidate, limit);
        if (d <= limit && (!best || d < best[1] || (d === best[1] && count > best[2]))) best = [candidate, d, count];
      }
    }
    return best?.[0];
  }
}
