import { describe, expect, it } from "vitest";
import { MAX_CONTEXT_CHARS, answerSources, contextAround } from "../src/http/answer-sources.js";
import { SUGGESTION_COUNT, headingQuestion, suggestedQuestions } from "../src/http/suggested-questions.js";
import { CANONICAL, seedService } from "./support/seed-index.js";

describe("the sources listed under an answer", () => {
  it("show the paragraph around the quote, never the quote", () => {
    const paragraph = "Tokyo signed the deal in May. A 3.1 billion yen vessel goes to Malaysia. Deliveries start next year after sea trials.";
    expect(contextAround(paragraph, ["A 3.1 billion yen vessel goes to Malaysia"])).toBe("Tokyo signed the deal in May. … Deliveries start next year after sea trials.");
    expect(contextAround(paragraph, [paragraph])).toBe("");
    // A fragment left over adds nothing.
    expect(contextAround("The vessel, said Tokyo.", ["The vessel"])).toBe("");
    const long = `${"word ".repeat(200)}end`;
    const cut = contextAround(long, []);
    expect(cut.length).toBeLessThanOrEqual(MAX_CONTEXT_CHARS + 2);
    expect(cut.endsWith(" …")).toBe(true);
  });

  it("list each cited paragraph once, with every marker that cites it", async () => {
    const service = await seedService();
    const answer = await service.answer(CANONICAL);
    const doubled = { ...answer, citations: [...answer.citations, { ...answer.citations[0]!, n: answer.citations.length + 1 }] };
    const sources = answerSources(doubled, service);
    const ids = sources.map((s) => `${s.file} ${s.paragraph}`);
    expect(new Set(ids).size).toBe(ids.length);
    // Every marker citing the first paragraph, the added one last (the answer may cite it twice already).
    const first = answer.citations[0]!;
    const citingFirst = doubled.citations.filter((c) => c.file === first.file && c.paragraph === first.paragraph).map((c) => c.n);
    expect(citingFirst.at(-1)).toBe(answer.citations.length + 1);
    expect(sources[0]!.markers).toEqual(citingFirst);
    for (const s of sources) for (const c of answer.citations.filter((c) => c.file === s.file && c.paragraph === s.paragraph)) expect(s.context).not.toContain(c.quote);
  });
});

describe("suggested questions", () => {
  it("are EXAMPLE_QUESTIONS when set", async () => {
    expect(await suggestedQuestions(await seedService(), ["One?", "Two?", "Three?", "Four?"])).toEqual(["One?", "Two?", "Three?"]);
  });

  it("otherwise come from the corpus, the same each time, and are all answered", async () => {
    const service = await seedService();
    const suggestions = await suggestedQuestions(service, []);
    expect(suggestions).toHaveLength(SUGGESTION_COUNT);
    expect(await suggestedQuestions(service, [])).toEqual(suggestions);
    for (const q of suggestions) expect((await service.answer(q)).abstained).toBe(false);
  });

  it("are tried again after answering them failed, not kept failed for the life of the index", async () => {
    const real = await seedService();
    // The first answer fails, as when the embedder cannot load on the first request.
    let failures = 1;
    const flaky = Object.assign(Object.create(real) as typeof real, {
      answer: (...args: Parameters<typeof real.answer>) => (failures-- > 0 ? Promise.reject(new Error("embedder unavailable")) : real.answer(...args)),
    });
    await expect(suggestedQuestions(flaky, [])).rejects.toThrow("embedder unavailable");
    expect(await suggestedQuestions(flaky, [])).toHaveLength(SUGGESTION_COUNT);
  });

  it("ask an instruction heading as a how-to question, any other heading as a topic", () => {
    expect(headingQuestion("Run the test in the current branch")).toBe("How do I run the test in the current branch?");
    expect(headingQuestion("Install Fastify")).toBe("How do I install Fastify?");
    expect(headingQuestion("Getting Started")).toBe("What do the documents say about Getting Started?");
    expect(headingQuestion("Official Security Assistance")).toBe("What do the documents say about Official Security Assistance?");
  });
});
