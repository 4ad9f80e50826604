import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { loadConfig } from "../src/config.js";
import { loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import type { Answerer } from "../src/answer/answer.js";
import { answerProblems, paragraphLookup } from "../src/answer/verify.js";
import { llmConfigFrom } from "../src/answer/llm/config.js";
import { LlmAnswerer, MAX_REPLY_LINES } from "../src/answer/llm/llm-answerer.js";
import { openAiCompatibleModel } from "../src/answer/llm/openai-compatible.js";
import { openAnswerer } from "../src/open-service.js";
import type { Answer } from "../src/types.js";
import { GOOD_ANSWER, type Outcome, SCENARIOS, VESSEL, scenario } from "./support/llm-scenarios.js";
import { type OpenAiTestServer, USAGE, modelVariables, sourceNumberOf, startOpenAiTestServer } from "./support/openai-test-server.js";
import { CANONICAL, CANONICAL_FILE, seedConfig } from "./support/seed-index.js";
import { tempDir } from "./support/temp.js";

const KEY = "sk-test-secret-key-never-logged";
/** Generous for a loaded machine; the timeout case waits this long once per run. */
const TIMEOUT_MS = 3000;

let server: OpenAiTestServer;
let offline: Answerer;
let llm: LlmAnswerer;
const log: string[] = [];

beforeAll(async () => {
  server = await startOpenAiTestServer();
  offline = await openAnswerer(seedConfig());
  const config = llmConfigFrom(modelVariables(server, { LLM_API_KEY: KEY, LLM_TIMEOUT_MS: String(TIMEOUT_MS) }))!;
  llm = new LlmAnswerer(offline, openAiCompatibleModel(config), (line) => log.push(line));
});

beforeEach(() => {
  server.requests.length = 0;
  log.length = 0;
});

const lookup = paragraphLookup((file) => offline.index.byFile.get(file));

/** The checks every answer must pass, whatever the model did: nothing unverified ever goes out. */
function expectOutcome(answer: Answer, outcome: Outcome, extractive: Answer): void {
  expect(answerProblems(answer, lookup)).toEqual([]);
  if (outcome === "llm") {
    expect(answer.mode).toBe("llm");
    expect(answer.answer).toBe(GOOD_ANSWER);
  } else if (outcome === "refusal") {
    expect(answer).toMatchObject({ abstained: true, citations: [], mode: "extractive" });
  } else {
    expect(answer).toEqual(extractive);
    expect(answer.mode).toBe("extractive");
  }
}

describe("answers written by a model, every quote verified", () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))("%s", async (_name, s) => {
    server.script = s.script;
    const extractive = await offline.answer(s.question);
    const answer = await llm.answer(s.question);
    expectOutcome(answer, s.outcome, extractive);
    expect(server.requests).toHaveLength(s.requests);
    expect(log.join("\n")).not.toContain(KEY);
  });

  it("cites the paragraphs' exact text, whatever quote marks and spacing the model used", async () => {
    server.script = scenario("a good reply").script;
    const answer = await llm.answer(CANONICAL);
    expect(answer.citations.map((c) => [c.n, c.file, c.paragraph, c.quote])).toEqual([
      [1, CANONICAL_FILE, 10, VESSEL],
      [2, "002_879a4c8b1310ecd0.txt", 14, "will increase OSA funding from 8.1 billion yen in 2025 to 18.1 billion yen"],
    ]);
    // The model was sent the retrieved paragraphs numbered, the key as a bearer token, the token limit.
    const request = server.requests[0]!;
    expect(request.authorization).toBe(`Bearer ${KEY}`);
    expect(request.max_tokens).toBe(512);
    expect(request.messages[1]!.content).toMatch(/^Sources:\n\n\[1\] \(/);
    expect(request.messages[1]!.content).toContain(`${CANONICAL_FILE} ¶10)\n- ${VESSEL}`);
    // Tokens per answer in the log, from the reply's usage.
    expect(log.join("\n")).toContain(`tokens in ${USAGE.prompt_tokens}, out ${USAGE.completion_tokens}, total ${USAGE.total_tokens}`);
  });

  it("drops the sentences whose quotes don't verify and renumbers the markers to the citations left", async () => {
    server.script = (r) => {
      const good = scenario("a good reply").script(r, 0) as { reply: string };
      const [first, second] = good.reply.split("\n");
      return { reply: [`OSA also buys submarines. [1: "three submarines for Malaysia"]`, first, second].join("\n") };
    };
    const answer = await llm.answer(CANONICAL);
    expect(answer.mode).toBe("llm");
    expect(answer.answer).toBe(GOOD_ANSWER);
    expect(answer.answer).not.toContain("submarines");
    expect(answerProblems(answer, lookup)).toEqual([]);
  });

  it("falls back when fewer than half of the reply's lines verify", async () => {
    server.script = (r) => {
      const [first] = (scenario("a good reply").script(r, 0) as { reply: string }).reply.split("\n");
      return { reply: [first, `Made up. [1: "not in any source at all"]`, `Also made up. [2: "nor is this one here"]`].join("\n") };
    };
    expect(await llm.answer(CANONICAL)).toEqual(await offline.answer(CANONICAL));
  });

  it("takes the model's word that the sources don't answer, and sends the extractive answer", async () => {
    server.script = () => ({ reply: "NOT IN SOURCES" });
    expect(await llm.answer(CANONICAL)).toEqual(await offline.answer(CANONICAL));
  });

  it("streams verified sentences as they complete, and withdraws them when the reply then fails", async () => {
    server.script = scenario("a good reply").script;
    const events: string[] = [];
    const stream = { sentence: async (d: string) => void events.push(d), restart: async () => void events.push("<restart>") };
    const answer = await llm.answer(CANONICAL, { stream });
    expect(events.join("")).toBe(answer.answer);
    expect(events).toEqual(["OSA pays for a diving support vessel for Malaysia [1].", " Its budget grows from 8.1 to 18.1 billion yen [2]."]);
    expect(server.requests[0]!.stream).toBe(true);

    // The first sentence verifies and goes out; then the model stalls until the timeout.
    events.length = 0;
    server.script = (r) => {
      const reply = (scenario("a good reply").script(r, 0) as { reply: string }).reply;
      return { reply, hangAfter: reply.indexOf("\n") + 3 };
    };
    const fallback = await llm.answer(CANONICAL, { stream });
    expect(events).toEqual(["OSA pays for a diving support vessel for Malaysia [1].", "<restart>"]);
    expect(fallback).toEqual(await offline.answer(CANONICAL));
    expect(server.requests).toHaveLength(2); // no retry after a timeout
  });

  it("drops a reply far longer than the prompt asks for, streamed or not, for the extractive answer", async () => {
    // Every line verifies: only its length is wrong (a 200,000-line reply held the server for 71 s).
    server.script = (r) => ({ reply: Array.from({ length: 5_000 }, () => (scenario("a good reply").script(r, 0) as { reply: string }).reply.split("\n")[0]).join("\n") });
    expect(await llm.answer(CANONICAL)).toEqual(await offline.answer(CANONICAL));
    expect(log.join("\n")).toContain(`the reply ran past ${MAX_REPLY_LINES} lines`);
    // Streamed, each line is verified as it arrives: a model that no deadline can cut short, so
    // what stops the stream is the line cap (at TIMEOUT_MS a loaded machine cut it at 5 or 14).
    const patient = new LlmAnswerer(offline, openAiCompatibleModel(llmConfigFrom(modelVariables(server, { LLM_TIMEOUT_MS: "120000" }))!), () => {});
    const events: string[] = [];
    const stream = { sentence: async (d: string) => void events.push(d), restart: async () => void events.push("<restart>") };
    expect(await patient.answer(CANONICAL, { stream })).toEqual(await offline.answer(CANONICAL));
    expect(events.length).toBe(MAX_REPLY_LINES + 1);
    expect(events.at(-1)).toBe("<restart>");
  });

  it("rewrites a follow-up with the model, and offline when the model fails", async () => {
    const history = [{ question: CANONICAL, answer: GOOD_ANSWER }];
    server.script = (r) => (r.messages[0]!.content.startsWith("You rewrite") ? { reply: "How much does the OSA diving support vessel for Malaysia cost?" } : { reply: "NOT IN SOURCES" });
    const rewritten = await llm.answer("How much does it cost?", { history });
    expect(rewritten.question).toBe("How much does the OSA diving support vessel for Malaysia cost?");
    expect(server.requests.map((r) => r.messages[0]!.content.slice(0, 11))).toEqual(["You rewrite", "You answer "]);
    expect(server.requests[0]!.messages[1]!.content).toContain(`User: ${CANONICAL}`);

    server.script = () => ({ status: 400 });
    const offlineRewrite = await llm.answer("How much does it cost?", { history });
    expect(offlineRewrite.question).toBe(offline.standalone("How much does it cost?", history).question);
  });
});

describe("a model's answer citing a code block", () => {
  it("quotes the block whole and shows it fenced, as an extractive answer does", async () => {
    const work = await tempDir("llm-code");
    const corpus = join(work, "corpus");
    await mkdir(corpus);
    const code = "harbour start --port 8080\n# the port defaults to 8080";
    await writeFile(
      join(corpus, "guide.md"),
      `# Starting the harbour server\n\nTo start the harbour server on a port of your choice, run:\n\n\`\`\`sh\n${code}\n\`\`\`\n\nThe server then listens until it is stopped.\n`,
    );
    const config = loadConfig({ CORPUS_DIR: corpus, INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });
    await buildIndex({ corpusDir: corpus, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config) });
    const docs = await openAnswerer(config);
    const model = new LlmAnswerer(docs, openAiCompatibleModel(llmConfigFrom(modelVariables(server, { LLM_TIMEOUT_MS: String(TIMEOUT_MS) }))!), () => {});
    // The model quotes a piece of the code, as models do.
    server.script = (r) => ({ reply: `Run harbour start on port 8080. [${sourceNumberOf(r, "harbour start --port 8080")}: "harbour start --port 8080"]` });
    const answer = await model.answer("How do I start the harbour server on a port?");
    expect(answer.mode).toBe("llm");
    expect(answer.citations).toEqual([expect.objectContaining({ n: 1, file: "guide.md", quote: code, kind: "code", language: "sh" })]);
    expect(answer.answer).toBe(`Run harbour start on port 8080 [1].\n\n\`\`\`sh\n${code}\n\`\`\`\n[1]`);
    expect(answerProblems(answer, paragraphLookup((file) => docs.index.byFile.get(file)))).toEqual([]);
  }, 60_000);
});
