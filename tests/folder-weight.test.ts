import { describe, expect, it } from "vitest";
import { CORPUS_SET_WEIGHTS, chooseCorpusSetWeight } from "../scripts/lib/training.js";

/** 300 held-out questions; `hits(weight)` says which a ranker fitted at that weight gets right. */
function choose(hits: (weight: number) => boolean[]): { weight: number; lines: string[] } {
  const rows = [{ group: "docs", weight: 1 }, { group: "squad", weight: 1 }];
  const lines: string[] = [];
  const weight = chooseCorpusSetWeight(rows, ["docs"], () => hits(rows[0]!.weight), "top-1", (l) => lines.push(l));
  expect(rows[0]!.weight).toBe(weight);
  expect(rows[1]!.weight).toBe(1);
  return { weight, lines };
}

const base = Array.from({ length: 300 }, (_, i) => i % 3 === 0);
/** The base hits with the first `gained` misses turned right and the last `lost` hits turned wrong. */
function moved(gained: number, lost: number): boolean[] {
  const hits = [...base];
  const misses = hits.flatMap((hit, i) => (hit ? [] : [i]));
  const rights = hits.flatMap((hit, i) => (hit ? [i] : []));
  for (const i of misses.slice(0, gained)) hits[i] = true;
  for (const i of rights.slice(rights.length - lost)) hits[i] = false;
  return hits;
}

describe("the folders' weight (chooseCorpusSetWeight)", () => {
  it("keeps the smallest weight when a larger one leads by less than the noise", () => {
    // Weight 50 leads weight 1 by two questions, 5 gained and 3 lost: 2 < √8. Picking the best
    // figure outright would take it.
    const { weight, lines } = choose((w) => (w === 50 ? moved(5, 3) : base));
    expect(weight).toBe(1);
    expect(lines.at(-1)).toMatch(/weight 50: .*against 1, 5 questions gained and 3 lost$/);
  });

  it("takes a larger weight that wins beyond the noise, and judges the next against it", () => {
    // 5 beats 1 (9 gained, 1 lost: 8 ≥ √10); 20 ties 5; 50 is judged against 5, the weight
    // kept, not against 1: it gains 2 and loses 3.
    const { weight, lines } = choose((w) => (w === 1 ? base : w === 50 ? moved(11, 4) : moved(9, 1)));
    expect(weight).toBe(5);
    expect(lines[1]).toMatch(/weight 5: .*against 1, 9 questions gained and 1 lost: taken$/);
    expect(lines[2]).toMatch(/weight 20: .*against 5, 0 questions gained and 0 lost$/);
    expect(lines[3]).toMatch(/weight 50: .*against 5, 2 questions gained and 3 lost$/);
    expect(CORPUS_SET_WEIGHTS[0]).toBe(1);
  });
});
