import { describe, expect, it } from "vitest";
import { askedElsewhereId } from "../scripts/lib/asked-elsewhere.js";
import { type Judged, chooseThreshold, riskCoverage } from "../scripts/lib/training.js";

const FOLDERS = ["docs"];

/** A held-out judgement: what the rule reads (group, answerable, right unit first, probability). */
function judged(id: string, group: string, kind: "right" | "wrong" | "unanswerable", probability: number): Judged {
  const answerable = kind !== "unanswerable";
  return {
    row: { id, group, answerable, answerType: "thing", units: [], labels: [], weight: 1 },
    ranked: [],
    topCorrect: kind === "right",
    covered: answerable,
    answerFeatures: [],
    probability,
  };
}

const chosen = (list: Judged[]) => chooseThreshold(riskCoverage(list, FOLDERS)).threshold;

// One right answer at the top, then an unanswerable question, then three answerable ones whose
// first unit is wrong. Answering those is no gain: a rule that counts an answer whether or not it
// is right (balanced accuracy, the rule before) goes down to 0.5 for them.
const docs = [
  judged("a", "docs", "right", 0.9),
  judged("c", "docs", "unanswerable", 0.8),
  judged("b", "docs", "wrong", 0.7),
  judged("d", "docs", "wrong", 0.6),
  judged("f", "docs", "wrong", 0.5),
  judged("e", "docs", "unanswerable", 0.1),
];

describe("the threshold rule (overall accuracy on held-out folds)", () => {
  it("counts an answer only when its first unit is right", () => {
    expect(chosen(docs)).toBe(0.9);
  });

  it("does not count the questions asked where their article is absent", () => {
    const elsewhere = Array.from({ length: 10 }, (_, i) => judged(askedElsewhereId(`q${i}`), "article", "unanswerable", 0.95));
    expect(chosen([...docs, ...elsewhere])).toBe(0.9);
  });

  it("weighs SQuAD's questions and the folders' half each, however many each has", () => {
    const folder = [judged("fa", "docs", "right", 0.9), judged("fu", "docs", "unanswerable", 0.6)];
    const squad = [judged("sa", "article", "right", 0.5), ...Array.from({ length: 9 }, (_, i) => judged(`su${i}`, "article", "unanswerable", 0.05))];
    // Pooled, the 12 questions tie at 0.9 and 0.5 (11 right each); halves, 0.9 wins (0.95 to 0.75).
    expect(chosen([...folder, ...squad])).toBe(0.9);
  });

  it("takes questions of equal probability together: one threshold answers them all", () => {
    const tied = [judged("a", "docs", "right", 0.7), judged("u", "docs", "unanswerable", 0.7), judged("w", "docs", "unanswerable", 0.7)];
    const points = riskCoverage(tied, FOLDERS);
    expect(points.map((p) => p.threshold)).toEqual([1.000001, 0.7]);
    // Answering at 0.7 answers the two unanswerable ones too: 1 of 3 right, against 2 abstaining.
    expect(chooseThreshold(points).threshold).toBe(1.000001);
  });

  it("of equal figures takes the threshold that answers most", () => {
    const list = [judged("a", "docs", "right", 0.9), judged("u", "docs", "unanswerable", 0.6), judged("b", "docs", "right", 0.4)];
    expect(chosen(list)).toBe(0.4);
  });
});
