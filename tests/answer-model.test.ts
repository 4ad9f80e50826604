import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { UNIT_FEATURES } from "../src/answer/features.js";
import { logit, sigmoid } from "../src/answer/logistic.js";
import { ANSWER_FEATURES, type RankedUnit, answerFeatures, answerability } from "../src/answer/model.js";
import { shippedAnswerModel } from "../src/answer/shipped-model.js";
import { PARAGRAPH_FEATURES } from "../src/retrieval/paragraph-ranker.js";
import { fitLogistic, fitOverLists } from "../scripts/lib/fit-logistic.js";
import { fitListwise } from "../scripts/lib/fit-listwise.js";
import { THRESHOLD_RULE, leastCoverageAnswered } from "../scripts/lib/training.js";

/** A deterministic pseudo-random stream (mulberry32), so the synthetic data is the same every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("fitLogistic", () => {
  const next = random(7);
  // Labels drawn from a known model: p = σ(2·x0 − 1·x1 + 0.5); x2 is noise.
  const rows = Array.from({ length: 4000 }, () => [next() * 4 - 2, next() * 4 - 2, next() * 4 - 2]);
  const labels = rows.map((r) => (next() < sigmoid(2 * r[0]! - r[1]! + 0.5) ? 1 : 0));

  it("recovers the direction and size of the true weights", () => {
    const model = fitLogistic(rows, labels, { l2: 1 });
    const raw = model.weights.map((w, j) => w / model.scale[j]!);
    expect(raw[0]).toBeGreaterThan(1.6);
    expect(raw[0]).toBeLessThan(2.4);
    expect(raw[1]).toBeLessThan(-0.7);
    expect(raw[1]).toBeGreaterThan(-1.3);
    expect(Math.abs(raw[2]!)).toBeLessThan(0.2);
    // Probabilities follow the truth where the truth is sure.
    expect(sigmoid(logit(model, [2, -2, 0]))).toBeGreaterThan(0.95);
    expect(sigmoid(logit(model, [-2, 2, 0]))).toBeLessThan(0.05);
  });

  it("is deterministic: the same data gives the same model", () => {
    expect(fitLogistic(rows, labels, { l2: 1 })).toEqual(fitLogistic(rows, labels, { l2: 1 }));
  });
});

describe("fitListwise", () => {
  const next = random(11);
  // Lists drawn from a conditional logit: within a list the answer is drawn with probability
  // ∝ exp(2·x0 − 1·x1). x1 carries a shift shared by the whole list, which says nothing about
  // which candidate answers — the confounder of real pools (one question's paragraphs all cover
  // it well, another's all poorly) that a per-candidate fit mistakes for signal.
  const lists = Array.from({ length: 600 }, () => {
    const shift = next() * 12 - 6;
    const features = Array.from({ length: 8 }, () => [next() * 4 - 2, shift + next() * 2 - 1]);
    const weights = features.map(([x0, x1]) => Math.exp(2 * x0! - x1!));
    let pick = next() * weights.reduce((a, b) => a + b, 0);
    const answer = weights.findIndex((w) => (pick -= w) <= 0);
    return { features, labels: features.map((_, i) => (i === answer ? 1 : 0)), weight: 1 };
  });
  const raw = (m: { weights: number[]; scale: number[] }) => m.weights.map((w, j) => w / m.scale[j]!);
  const firstRight = (m: Parameters<typeof logit>[0]) =>
    lists.filter((l) => {
      const scores = l.features.map((f) => logit(m, f));
      return l.labels[scores.indexOf(Math.max(...scores))] === 1;
    }).length;

  it("recovers the within-list weights, in proportion, where a per-candidate fit does not", () => {
    const listwise = raw(fitListwise(lists, 1));
    const pointwise = raw(fitOverLists(lists, 1));
    expect(listwise[1]! / listwise[0]!).toBeGreaterThan(-0.65);
    expect(listwise[1]! / listwise[0]!).toBeLessThan(-0.35);
    // The shift's spread across lists drowns x1's effect for the per-candidate fit.
    expect(Math.abs(pointwise[1]! / pointwise[0]!)).toBeLessThan(0.2);
    expect(firstRight(fitListwise(lists, 1))).toBeGreaterThan(firstRight(fitOverLists(lists, 1)));
  });

  it("is deterministic: the same lists give the same model", () => {
    expect(fitListwise(lists, 1)).toEqual(fitListwise(lists, 1));
  });
});

describe("the shipped model (models/answerer.json)", () => {
  it("matches the features answering computes and names how it was chosen", () => {
    expect(shippedAnswerModel.unitFeatures).toEqual([...UNIT_FEATURES]);
    expect(shippedAnswerModel.answerFeatures).toEqual([...ANSWER_FEATURES]);
    expect(shippedAnswerModel.ranker.weights).toHaveLength(UNIT_FEATURES.length);
    expect(shippedAnswerModel.paragraphFeatures).toEqual([...PARAGRAPH_FEATURES]);
    expect(shippedAnswerModel.paragraphRanker.weights).toHaveLength(PARAGRAPH_FEATURES.length);
    expect(shippedAnswerModel.answerability.weights).toHaveLength(ANSWER_FEATURES.length);
    expect(shippedAnswerModel.threshold).toBeGreaterThan(0);
    expect(shippedAnswerModel.threshold).toBeLessThan(1);
    expect(shippedAnswerModel.thresholdRule).toBe(THRESHOLD_RULE);
    expect(JSON.parse(readFileSync("models/answerer.json", "utf8")).trainedOn).toMatch(/SQuAD/);
  });
});

describe("the coverage floor (minCoverage)", () => {
  /** Two ranked units whose paragraphs state `cover` of the question's concepts, as answering features them. */
  const rankedAt = (cover: number): RankedUnit[] =>
    [1.2, 0.3].map((z) => {
      const features = UNIT_FEATURES.map(() => 0.5);
      features[UNIT_FEATURES.indexOf("coverParagraph")] = cover;
      return { features, logit: z, probability: sigmoid(z) } as unknown as RankedUnit;
    });

  it("is measured by training as the least coverage of any question with an answer retrieved", () => {
    const judged = [0.9, 0.31, 0.05, 0.6].map((cover, i) => {
      const features = ANSWER_FEATURES.map(() => 0);
      features[ANSWER_FEATURES.indexOf("bestCoverParagraph")] = cover;
      return { covered: i !== 2, answerFeatures: features };
    });
    expect(leastCoverageAnswered(judged)).toBe(0.31);
    expect(shippedAnswerModel.minCoverage).toBeGreaterThan(0);
    expect(shippedAnswerModel.minCoverage).toBeLessThan(0.5);
  });

  // 2,000 characters of lorem ipsum, 4 % of its words found in a rustdoc folder, were given 0.49 by
  // the straight line and answered "Emit the diagnostic."
  it("refuses below it, where training never saw an answer, and leaves the model's probability alone above it", () => {
    const floor = shippedAnswerModel.minCoverage!;
    const below = rankedAt(floor / 2);
    const at = rankedAt(floor);
    expect(answerability(shippedAnswerModel, below, "thing")).toBe(0);
    const p = answerability(shippedAnswerModel, at, "thing");
    expect(p).toBeGreaterThan(0);
    expect(p).toBe(sigmoid(logit(shippedAnswerModel.answerability, answerFeatures(at, "thing"))));
  });
});
