/**
 * Two runs over the same questions compared question by question: what one got right and the
 * other wrong. On the folders' sets (12–80 questions each) two models' totals differ by a few
 * questions either way; the exact McNemar test says whether the questions that changed sides
 * lean one way more than chance would.
 */
export interface PairedComparison {
  questions: number;
  /** Right in the first run, wrong in the second. */
  lost: number;
  /** Wrong in the first run, right in the second. */
  gained: number;
  /** Two-sided exact McNemar p-value: the chance of a split at least this uneven if neither run were better. */
  p: number;
}

/** Questions a run got wrong, by id (npm run eval's `misses`), over the same questions. */
export interface RunOutcome {
  questions: number;
  misses: string[];
}

export function comparePaired(first: RunOutcome, second: RunOutcome): PairedComparison {
  if (first.questions !== second.questions) throw new Error(`the runs scored different sets: ${first.questions} and ${second.questions} questions`);
  const before = new Set(first.misses);
  const after = new Set(second.misses);
  const lost = [...after].filter((id) => !before.has(id)).length;
  const gained = [...before].filter((id) => !after.has(id)).length;
  return { questions: first.questions, lost, gained, p: exactMcNemar(lost, gained) };
}

/** Sums comparisons of several sets into one (the p-value recomputed from the summed counts). */
export function combinePaired(parts: PairedComparison[]): PairedComparison {
  const lost = parts.reduce((n, c) => n + c.lost, 0);
  const gained = parts.reduce((n, c) => n + c.gained, 0);
  return { questions: parts.reduce((n, c) => n + c.questions, 0), lost, gained, p: exactMcNemar(lost, gained) };
}

/**
 * Twice the binomial(n = b + c, ½) tail at min(b, c), capped at 1; in logarithms, so a few
 * thousand changed questions neither overflow the coefficients nor underflow 2⁻ⁿ.
 */
export function exactMcNemar(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  let logTerm = -n * Math.LN2; // log of C(n, 0) / 2ⁿ
  let tail = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log((n - i + 1) / i);
    tail += Math.exp(logTerm);
  }
  return Math.min(1, 2 * tail);
}
