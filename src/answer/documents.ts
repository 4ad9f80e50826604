import type { IndexedParagraph } from "../index-store/corpus.js";

/** Positions [start, end) of the index's paragraphs, one run per stretch of one document. */
export type Runs = [number, number][];

/**
 * Where each document's paragraphs lie among the index's positions (BM25's document numbers):
 * one run per document as ingest writes them, file after file; more if an index interleaves them.
 */
export function documentRuns(paragraphs: readonly (IndexedParagraph | undefined)[]): Map<string, Runs> {
  const runs = new Map<string, Runs>();
  paragraphs.forEach((p, i) => {
    if (!p) return;
    const own = runs.get(p.file) ?? [];
    const last = own[own.length - 1];
    if (last && last[1] === i) last[1] = i + 1;
    else own.push([i, i + 1]);
    runs.set(p.file, own);
  });
  return runs;
}

/** Whether increasing positions hold one inside any of the runs: a binary search per run. */
export function anyWithin(sorted: Int32Array, runs: Runs): boolean {
  for (const [start, end] of runs) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    if (lo < sorted.length && sorted[lo]! < end) return true;
  }
  return false;
}
