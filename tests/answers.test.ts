import { beforeAll, describe, expect, it } from "vitest";
import type { Answerer } from "../src/answer/answer.js";
import { openAnswerer } from "../src/open-service.js";
import { answerProblems } from "../src/answer/verify.js";
import { includesEntry } from "../src/eval/match.js";
import { type EvalItem, isAnswerable, readQuestionSet } from "../src/eval/question-set.js";
import type { AskService } from "../src/service.js";
import type { Answer } from "../src/types.js";
import { CANONICAL, CANONICAL_FILE, CANONICAL_PARAGRAPHS, seedConfig, seedService } from "./support/seed-index.js";

const DEV_SET = "datasets/seeds/dev.json";
let service: AskService;
let answerer: Answerer;

beforeAll(async () => {
  service = await seedService();
  answerer = await openAnswerer(seedConfig());
});

/** Whether an answer meets an item's bar: contains every must_include and cites a support paragraph, or abstains. */
function meetsBar(item: EvalItem, answer: Answer): boolean {
  if (!isAnswerable(item)) return answer.abstained;
  const support = new Set(item.support.map((s) => `${s.file}#${s.paragraph}`));
  return (
    !answer.abstained &&
    item.must_include.every((entry) => includesEntry(answer.answer, entry)) &&
    answer.citations.some((c) => support.has(`${c.file}#${c.paragraph}`))
  );
}

describe("the canonical question", () => {
  it("names the diving support vessel and cites 001 ¶10 or ¶26 with a verbatim quote", async () => {
    const answer = await service.answer(CANONICAL);
    expect(answer.abstained).toBe(false);
    expect(answer.answer.toLowerCase()).toContain("diving support vessel");
    const cited = answer.citations.filter((c) => c.file === CANONICAL_FILE && CANONICAL_PARAGRAPHS.includes(c.paragraph));
    expect(cited.length).toBeGreaterThan(0);
    expect(cited[0]!.quote).toContain("diving support vessel");
  });

  it("gives the same answer every time", async () => {
    const [a, b] = [await service.answer(CANONICAL), await service.answer(CANONICAL)];
    expect(b).toEqual(a);
  });
});

/**
 * How a question set fares: every answer passes the citation checker; the share of questions that
 * meet their bar, and of unanswerable ones abstained on. These sets are part of what the shipped
 * model is trained on, so they guard against regressions; what the model does on questions it
 * never saw is measured by `npm run eval` (leave-one-folder-out and datasets/heldout).
 */
async function fare(items: EvalItem[]) {
  const misses: string[] = [];
  let unanswerable = 0;
  let abstained = 0;
  for (const item of items) {
    const { answer, withheld } = await answerer.decide(item.question);
    // The gate refuses an answer that fails the checker, so checking what comes out proves
    // nothing: no answer may have been composed wrong and withheld.
    expect(withheld, item.question).toBeUndefined();
    if (!meetsBar(item, answer)) misses.push(`${item.id} ${item.question}`);
    if (!isAnswerable(item)) {
      unanswerable++;
      if (answer.abstained) abstained++;
    }
  }
  return { rate: 1 - misses.length / items.length, abstention: abstained / Math.max(1, unanswerable), misses };
}

describe("the shared dev set (datasets/seeds/dev.json)", async () => {
  const items = await readQuestionSet(DEV_SET);

  it("meets the bar on at least 85 % of its questions and abstains on at least two of its three unanswerable ones", async () => {
    const { rate, abstention, misses } = await fare(items);
    console.log(`dev set: ${Math.round(rate * 100)}%; misses:\n  ${misses.join("\n  ")}`);
    expect(rate).toBeGreaterThanOrEqual(0.85);
    expect(abstention).toBeGreaterThanOrEqual(2 / 3);
  });
});

describe("the project's own question set (tests/questions.json)", async () => {
  const items = await readQuestionSet("tests/questions.json");

  it("has at least 25 questions of varied kinds, unanswerable ones included", () => {
    expect(items.length).toBeGreaterThanOrEqual(25);
    expect(items.filter((i) => !isAnswerable(i)).length).toBeGreaterThanOrEqual(5);
    expect(new Set(items.map((i) => i.kind)).size).toBeGreaterThanOrEqual(8);
  });

  it("meets the bar on most questions and abstains on most unanswerable ones", async () => {
    const { rate, abstention, misses } = await fare(items);
    console.log(`own question set: ${Math.round(rate * 100)}%; misses:\n  ${misses.join("\n  ")}`);
    expect(rate).toBeGreaterThanOrEqual(0.7);
    // Most, not all: the models chosen on held-out folds (models/answerer.json, v4 and v5 of 2026-11-29)
    // abstain on 4 of these 6 (each answers "Who is the prime minister of Thailand?" and the
    // aircraft-carrier question); the one before it on 5. Recorded in BENCHMARKS.md; issue 10 open.
    expect(abstention).toBeGreaterThan(0.5);
  });
});
describe("abstention", () => {
  it("says plainly that the documents don't cover it, with related passages and no citations", async () => {
    const answer = await service.answer("What is the recipe for miso soup?");
    expect(answer).toMatchObject({ abstained: true, citations: [] });
    expect(answer.answer).toMatch(/documents don't say/i);
    expect(answer.related?.length).toBeGreaterThan(0);
  });
});

describe("answerProblems (the citation checker itself)", () => {
  const lookup = (file: string, n: number) => (file === "a.txt" && n === 1 ? "The vessel costs 3.1 billion yen." : undefined);
  const good: Answer = { answer: "It costs 3.1 billion yen [1].", abstained: false, citations: [{ n: 1, file: "a.txt", paragraph: 1, line: 1, quote: "3.1 billion yen", score: 1 }], mode: "extractive" };

  it("accepts a well-cited answer", () => expect(answerProblems(good, lookup)).toEqual([]));
  it("rejects a quote that is not verbatim", () =>
    expect(answerProblems({ ...good, citations: [{ ...good.citations[0]!, quote: "3.2 billion yen" }] }, lookup)).toHaveLength(1));
  it("rejects a dangling marker, an uncited sentence and a missing paragraph", () => {
    expect(answerProblems({ ...good, answer: "It costs [2]." }, lookup).join()).toMatch(/\[2\] has no citation/);
    expect(answerProblems({ ...good, answer: "It costs 3.1 billion yen [1]. And more." }, lookup).join()).toMatch(/without a citation/);
    expect(answerProblems({ ...good, citations: [{ ...good.citations[0]!, paragraph: 9 }] }, lookup).join()).toMatch(/missing paragraph/);
  });
});
