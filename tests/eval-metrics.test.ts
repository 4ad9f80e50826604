import { describe, expect, it } from "vitest";
import { type Outcome, percentile, score, wilsonInterval } from "../src/eval/metrics.js";
import type { EvalItem } from "../src/eval/question-set.js";

const paragraphs: Record<string, string> = {
  "a.txt#1": "The budget grew to 18.1 billion yen.",
  "a.txt#2": "It was 8.1 billion yen in 2025.",
};
const lookup = (file: string, n: number) => paragraphs[`${file}#${n}`];

const item = (id: string, must: string[], support: [string, number][]): EvalItem => ({
  id,
  question: `question ${id}`,
  must_include: must,
  support: support.map(([file, paragraph]) => ({ file, paragraph })),
});

function outcome(it: EvalItem, answer: string, citations: [string, number, string][], abstained = false, retrieved: [string, number][] = []): Outcome {
  return {
    item: it,
    answer,
    abstained,
    citations: citations.map(([file, paragraph, quote]) => ({ file, paragraph, quote })),
    retrieved: retrieved.map(([file, n]) => ({ file, from: n, to: n })),
    ms: 1,
  };
}

describe("eval scoring on hand-made cases", () => {
  const before2025 = item("n1", ["8.1 billion"], [["a.txt", 2]]);
  const budget = item("n2", ["18.1 billion|eighteen billion"], [["a.txt", 1]]);
  const unanswerable = item("u1", [], []);

  it("does not find a number inside a longer number, and accepts any alternative", () => {
    const m = score(
      [
        outcome(before2025, "The budget grew to 18.1 billion yen [1].", [["a.txt", 1, "The budget grew to 18.1 billion yen."]]),
        outcome(budget, "It grew to eighteen billion [1].", [["a.txt", 1, "18.1 billion yen"]]),
      ],
      lookup,
    );
    expect(m.correctness).toBe(0.5);
    expect(m.misses).toEqual(["n1"]);
  });

  it("scores citation hit and precision against support paragraphs, quotes against the cited paragraph", () => {
    const m = score(
      [outcome(budget, "18.1 billion [1] and 8.1 billion [2].", [["a.txt", 1, "18.1 billion yen"], ["a.txt", 2, "18.1 billion yen"]])],
      lookup,
    );
    expect(m.citationHit).toBe(1);
    expect(m.citationPrecision).toBe(0.5);
    expect(m.verbatimQuotes).toBe(0.5);
  });

  it("keeps a question answerable whose support maps to no paragraph: its abstention is a false one", () => {
    const unmapped: EvalItem = { ...item("t1", ["auth"], []), answerable: true };
    const m = score([outcome(unmapped, "The documents don't say.", [], true), outcome(unanswerable, "The documents don't say.", [], true)], lookup);
    expect(m.answerable).toBe(1);
    expect(m.falseAbstention).toBe(1);
    expect(m.abstentionAccuracy).toBe(1);
    expect(m.misses).toEqual(["t1"]);
  });

  it("scores abstention on unanswerable questions and false abstention on answerable ones", () => {
    const m = score(
      [outcome(unanswerable, "The documents don't say.", [], true), outcome(budget, "The documents don't say.", [], true)],
      lookup,
    );
    expect(m.abstentionAccuracy).toBe(1);
    expect(m.falseAbstention).toBe(1);
    expect(m.correctness).toBe(0);
    expect(score([outcome(unanswerable, "Something [1].", [["a.txt", 1, "The budget"]])], lookup).abstentionAccuracy).toBe(0);
  });

  it("measures retrieval recall@1/@5 and MRR before answer selection", () => {
    const m = score(
      [
        outcome(budget, "", [], true, [["a.txt", 2], ["a.txt", 1]]),
        outcome(before2025, "", [], true, [["a.txt", 2]]),
      ],
      lookup,
    );
    expect(m.recallAt1).toBe(0.5);
    expect(m.recallAt5).toBe(1);
    expect(m.mrr).toBe(0.75);
  });

  it("counts the questions with code in their support and how many answers cite that code", () => {
    const howTo: EvalItem = { ...item("c1", ["18.1"], []), support: [{ file: "a.txt", paragraph: 1 }, { file: "a.txt", paragraph: 2, code: true }] };
    const other: EvalItem = { ...howTo, id: "c2" };
    const m = score(
      [
        outcome(howTo, "It grew to 18.1 billion [1].", [["a.txt", 2, "It was 8.1 billion yen in 2025."]]),
        outcome(other, "It grew to 18.1 billion [1].", [["a.txt", 1, "The budget grew to 18.1 billion yen."]]),
        outcome(budget, "18.1 billion [1].", [["a.txt", 1, "18.1 billion yen"]]),
      ],
      lookup,
    );
    expect(m.codeQuestions).toBe(2);
    expect(m.codeCited).toBe(0.5);
    expect(score([outcome(budget, "18.1 billion [1].", [["a.txt", 1, "18.1 billion yen"]])], lookup).codeCited).toBeNull();
  });

  it("takes percentiles by rank", () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 100], 95)).toBe(100);
  });
});

describe("wilsonInterval: how far a share on a small set could move", () => {
  it("gives none of 12 an upper bound of z²/(n + z²), not the point 0 a Wald interval gives", () => {
    const [low, high] = wilsonInterval(0, 12)!;
    expect(low).toBe(0);
    expect(high).toBeCloseTo(1.96 ** 2 / (12 + 1.96 ** 2), 6);
    expect(wilsonInterval(1, 12)![0]).toBeCloseTo(1 - high, 6);
  });

  it("is about ±14 points around half of 48, and narrower for more questions", () => {
    const [low, high] = wilsonInterval(0.5, 48)!;
    expect(low).toBeCloseTo(0.364, 3);
    expect(high).toBeCloseTo(0.636, 3);
    const [low480, high480] = wilsonInterval(0.5, 480)!;
    expect(high480 - low480).toBeLessThan((high - low) / 3);
  });

  it("has no interval for a share of no questions", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
