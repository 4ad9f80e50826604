import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { followUpCue } from "../src/answer/follow-up.js";
import { includesEntry } from "../src/eval/match.js";
import { readQuestionSet } from "../src/eval/question-set.js";
import type { AskService } from "../src/service.js";
import type { Answer } from "../src/types.js";
import { startServer } from "./support/http-server.js";
import { CANONICAL, CANONICAL_FILE, CANONICAL_PARAGRAPHS, seedService } from "./support/seed-index.js";

let service: AskService;
let base: string;

beforeAll(async () => {
  service = await seedService();
  base = await startServer(service, { ratePerMinute: 1000 });
});

const cites = (answer: Answer, file: string, paragraphs: number[]) => answer.citations.some((c) => c.file === file && paragraphs.includes(c.paragraph));

/** A conversation about something else entirely, as the widget would send it. */
async function unrelatedHistory() {
  const turns = [];
  for (const question of ["Who is Stephen Nagy?", "What is the JASMINE Initiative?"]) {
    turns.push({ question, answer: (await service.answer(question)).answer });
  }
  return turns;
}

describe("reading a question as a follow-up", () => {
  it("finds no follow-up among the self-contained questions of every question set", async () => {
    const sets = ["tests/questions.json", "tests/holdout.json", "datasets/seeds/dev.json", "datasets/heldout/seeds-fresh.json", "datasets/fastify-docs/questions.json", "datasets/heldout/pino-docs.json"];
    const questions = (await Promise.all(sets.map(async (s) => JSON.parse(await readFile(s, "utf8")) as { question: string }[]))).flat();
    expect(questions.length).toBeGreaterThan(200);
    expect(questions.filter((q) => followUpCue(q.question)).map((q) => q.question)).toEqual([]);
  });

  it.each([
    ["How much does it cost?", "reference"],
    ["and in Vietnam?", "ellipsis"],
    ["What about Malaysia?", "ellipsis"],
    ["Who said that?", "no-content"],
    ["Who wrote that?", "reference"],
    ["When did those talks happen?", "reference"],
    ["Which ones?", "no-content"],
  ])("reads %j as a follow-up (%s)", (question, cue) => {
    expect(followUpCue(question)).toBe(cue);
  });
});

describe("answering with history", () => {
  it("answers every question of tests/questions.json byte-identically with an unrelated history", async () => {
    const history = await unrelatedHistory();
    for (const item of await readQuestionSet("tests/questions.json")) {
      expect(JSON.stringify(await service.answer(item.question, { history })), item.id).toBe(JSON.stringify(await service.answer(item.question)));
    }
  });

  it("answers 'How much does it cost?' after the OSA question from the Malaysian vessel's paragraph", async () => {
    const first = await service.answer(CANONICAL);
    const answer = await service.answer("How much does it cost?", { history: [{ question: CANONICAL, answer: first.answer }] });
    expect(answer.abstained).toBe(false);
    expect(answer.question).toMatch(/^How much does it cost\? \(.*Malaysia/);
    expect(includesEntry(answer.answer, "3.1 billion")).toBe(true);
    expect(cites(answer, CANONICAL_FILE, CANONICAL_PARAGRAPHS)).toBe(true);
    expect((await service.answer("How much does it cost?")).question).toBeUndefined();
  });

  it("answers 'When did those talks happen?' after the destroyer question, which alone it cannot", async () => {
    const firstQuestion = "Which destroyers did Japan discuss exporting to Indonesia?";
    const history = [{ question: firstQuestion, answer: (await service.answer(firstQuestion)).answer }];
    const correctAndCited = (a: Answer) => !a.abstained && includesEntry(a.answer, "June 5") && cites(a, "000_f4c46dc1b1f883e2.txt", [9]);
    const answer = await service.answer("When did those talks happen?", { history });
    expect(correctAndCited(answer)).toBe(true);
    // The same words alone do not reach that date: the context is what answers it.
    expect(correctAndCited(await service.answer("When did those talks happen?"))).toBe(false);
  });

  it("answers 'And in 2026?' after a question about 2025 with the 2026 figure, cited", async () => {
    const firstQuestion = "How much OSA funding was there in 2025?";
    const first = await service.answer(firstQuestion);
    const answer = await service.answer("And in 2026?", { history: [{ question: firstQuestion, answer: first.answer }] });
    expect(answer.question).toBe("How much OSA funding was there in 2026?");
    expect(includesEntry(answer.answer, "18.1 billion")).toBe(true);
    expect(cites(answer, "002_879a4c8b1310ecd0.txt", [14])).toBe(true);
    expect((await service.answer("And in 2026?")).question).toBeUndefined();
  });

  it("completes a chain of follow-ups from the first question", async () => {
    const history = [
      { question: "What is China's economic relationship with the Philippines?", answer: "" },
      { question: "What about Malaysia?", answer: "" },
    ];
    const answer = await service.answer("And Vietnam?", { history });
    expect(answer.question).toMatch(/Vietnam/);
    expect(answer.question).not.toMatch(/Malaysia|Philippines/);
  });

  it("puts the new name in place of the old one, with its own article", async () => {
    const answer = await service.answer("What about the Philippines?", { history: [{ question: CANONICAL, answer: "" }] });
    expect(answer.question).toBe("What does OSA fund in the Philippines?");
  });

  it("keeps a completed question within the question limit, however long the chain", async () => {
    const words = (seed: number) => Array.from({ length: 300 }, (_, i) => `w${(seed * 7919 + i * 104729) % 99991}`).join(" ");
    const history = Array.from({ length: 10 }, (_, i) => ({ question: `and ${words(i)}`.slice(0, 2000), answer: "" }));
    const answer = await service.answer(`and ${words(99)}`.slice(0, 2000), { history });
    expect(answer.question!.length).toBeLessThanOrEqual(2000);
  });

  it("leaves a self-contained question unchanged after a related one", async () => {
    const question = "How big is the OSA budget for the coming fiscal year?";
    const history = [{ question: CANONICAL, answer: (await service.answer(CANONICAL)).answer }];
    expect(await service.answer(question, { history })).toEqual(await service.answer(question));
  });
});

const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("history over HTTP", () => {
  const history = [{ question: CANONICAL, answer: "A 3.1 billion yen diving support vessel for Malaysia [1]." }];

  it("POST /ask answers a follow-up as the core does", async () => {
    const response = await post("/ask", { question: "How much does it cost?", history });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(await service.answer("How much does it cost?", { history }));
  });

  it("POST /ask/stream ends with the same answer", async () => {
    const text = await (await post("/ask/stream", { question: "How much does it cost?", history })).text();
    const done = text.split("\n\n").find((block) => block.startsWith("event: done"))!;
    expect(JSON.parse(done.match(/^data: (.*)$/m)![1]!)).toEqual(await (await post("/ask", { question: "How much does it cost?", history })).json());
  });

  it.each([
    ["history that is not an array", { history: "yes" }, /^history must be an array/],
    ["a turn that is not an object", { history: ["hi"] }, /^history\[0\] must be an object/],
    ["a turn without its question", { history: [{ answer: "x" }] }, /^history\[0\]\.question is required/],
    ["an empty question", { history: [{ question: " \u3000 ", answer: "x" }] }, /^history\[0\]\.question must not be empty/],
    ["a non-string answer", { history: [{ question: "q", answer: 3 }] }, /^history\[0\]\.answer must be a string/],
    // U+FDFA is one character that NFKC turns into 18: the limit is on the normalised text.
    ["an answer over the limit once normalised", { history: [{ question: "q", answer: "\uFDFA".repeat(300) }] }, /^history\[0\]\.answer must be at most 4000 characters/],
    ["a question over the limit", { history: [{ question: "x".repeat(2001), answer: "" }] }, /^history\[0\]\.question must be at most 2000/],
    ["too many turns", { history: Array.from({ length: 11 }, () => ({ question: "q", answer: "a" })) }, /^history may hold at most 10 turns/],
  ])("refuses %s, naming the field", async (_name, extra, message) => {
    const response = await post("/ask", { question: "How much does it cost?", ...extra });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message).toMatch(message);
  });

  it("documents history in the OpenAPI document", async () => {
    const spec = await (await fetch(`${base}/openapi.json`)).json();
    const body = spec.paths["/ask"].post.requestBody.content["application/json"];
    expect(body.schema.properties.history).toMatchObject({ type: "array", maxItems: 10, items: { required: ["question", "answer"] } });
    expect(body.examples.followUp.value.history[0].question).toBe(CANONICAL);
    expect(spec.components.schemas.Answer.properties.question.type).toBe("string");
  });
});
