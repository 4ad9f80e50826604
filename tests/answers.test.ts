import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { answerProblems } from "../src/answer/verify.js";
import { includesEntry } from "../src/eval/match.js";
import { type EvalItem, isAnswerable, readQuestionSet } from "../src/eval/question-set.js";
import type { AskService } from "../src/service.js";
import type { Answer } from "../src/types.js";
import { CANONICAL, CANONICAL_FILE, CANONICAL_PARAGRAPHS, seedService } from "./support/seed-index.js";

const DEV_SET = "../shared/eval/dev.json";
let service: AskService;

beforeAll(async () => {
  service = await seedService();
});

function problems(answer: Answer): string[] {
  return answerProblems(answer, (file, n) => service.document(file)?.[n - 1]?.text);
}

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
    expect(problems(answer)).toEqual([]);
  });

  it("gives the same answer every time", async () => {
    const [a, b] = [await service.answer(CANONICAL), await service.answer(CANONICAL)];
    expect(b).toEqual(a);
  });
});

describe.runIf(existsSync(DEV_SET))("the shared dev set", async () => {
  const items = existsSync(DEV_SET) ? await readQuestionSet(DEV_SET) : [];
  it.each(items.map((item) => [item.id, item] as const))("%s", async (_id, item) => {
    const answer = await service.answer(item.question);
    expect(problems(answer)).toEqual([]);
    expect(meetsBar(item, answer), `${item.question}\n→ ${answer.answer}\n${JSON.stringify(answer.citations.map((c) => `${c.file} ¶${c.paragraph}`))}`).toBe(true);
  });
});

describe("the project's own question set (tests/questions.json)", async () => {
  const items = await readQuestionSet("tests/questions.json");

  it("has at least 25 questions of varied kinds, unanswerable ones included", () => {
    expect(items.length).toBeGreaterThanOrEqual(25);
    expect(items.filter((i) => !isAnswerable(i)).length).toBeGreaterThanOrEqual(5);
    expect(new Set(items.map((i) => i.kind)).size).toBeGreaterThanOrEqual(8);
  });

  it("meets the bar on most questions and abstains on every unanswerable one", async () => {
    const misses: string[] = [];
    for (const item of items) {
      const answer = await service.answer(item.question);
      expect(problems(answer), item.question).toEqual([]);
      if (!meetsBar(item, answer)) misses.push(`${item.id} ${item.question}`);
      if (!isAnswerable(item)) expect(answer.abstained, `${item.id} should abstain`).toBe(true);
    }
    const rate = 1 - misses.length / items.length;
    console.log(`own question set: ${Math.round(rate * 100)}% (${items.length - misses.length}/${items.length}); misses:\n  ${misses.join("\n  ")}`);
    expect(rate).toBeGreaterThanOrEqual(0.7);
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
  const good: Answer = { answer: "It costs 3.1 billion yen [1].", abstained: false, citations: [{ n: 1, file: "a.txt", paragraph: 1, line: 1, quote: "3.1 billion yen", score: 1 }] };

  it("accepts a well-cited answer", () => expect(answerProblems(good, lookup)).toEqual([]));
  it("rejects a quote that is not verbatim", () =>
    expect(answerProblems({ ...good, citations: [{ ...good.citations[0]!, quote: "3.2 billion yen" }] }, lookup)).toHaveLength(1));
  it("rejects a dangling marker, an uncited sentence and a missing paragraph", () => {
    expect(answerProblems({ ...good, answer: "It costs [2]." }, lookup).join()).toMatch(/\[2\] has no citation/);
    expect(answerProblems({ ...good, answer: "It costs 3.1 billion yen [1]. And more." }, lookup).join()).toMatch(/without a citation/);
    expect(answerProblems({ ...good, citations: [{ ...good.citations[0]!, paragraph: 9 }] }, lookup).join()).toMatch(/missing paragraph/);
  });
});
