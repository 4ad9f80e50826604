import { sign } from "node:crypto";
import { applicationKeys } from "./support/discord-interaction.js";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type WranglerDev, buildWorkerData, startWranglerDev, workerBundleSize } from "../scripts/lib/wrangler-dev.js";
import { verifyQuote } from "../src/answer/verify.js";
import type { Answer } from "../src/types.js";
import { GOOD_ANSWER, VESSEL, scenario } from "./support/llm-scenarios.js";
import { type OpenAiTestServer, modelVariables, startOpenAiTestServer } from "./support/openai-test-server.js";
import { CANONICAL, CANONICAL_FILE, CANONICAL_PARAGRAPHS, SEED_INDEX, seedService } from "./support/seed-index.js";
import { tempDir } from "./support/temp.js";

/** Every question of the seeds' three sets. */
const SEEDS_QUESTION_SETS = ["tests/questions.json", "tests/holdout.json", "datasets/seeds/dev.json"];
const { privateKey, publicKeyHex } = applicationKeys();
/** Shorter than the model's own 5 s deadline below, longer than any answer from the bundle takes. */
const ANSWER_TIMEOUT_MS = 3_000;

let worker: WranglerDev;
let base: string;

beforeAll(async () => {
  // The real index from seeds/, exported for the bundle exactly as a user would.
  await buildWorkerData({ EMBEDDER: "wordvectors", INDEX_DIR: SEED_INDEX });
  worker = await startWranglerDev({ DISCORD_PUBLIC_KEY: publicKeyHex, RATE_LIMIT_PER_MINUTE: "10000" });
  base = worker.base;
}, 150_000);

afterAll(() => worker?.stop());

const ask = (body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(`${base}/ask`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("the Worker under wrangler dev", () => {
  it("reports its index and what it really answers with on /health", async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({
      status: "ok",
      documents: 5,
      formats: { text: 5 },
      paragraphs: 141,
      embedder: (await seedService()).health().embedder,
      retrieval: "bm25+exhaustive",
      llm: "none",
    });
  });

  it("answers every seeds question exactly as Node does", async () => {
    const node = await seedService();
    const questions = SEEDS_QUESTION_SETS.flatMap((file) => JSON.parse(readFileSync(file, "utf8")) as { id: string; question: string }[]);
    expect(questions.length).toBe(59);
    const seen = (a: Answer) => ({
      answer: a.answer,
      abstained: a.abstained,
      citations: a.citations.map((c) => ({ file: c.file, paragraph: c.paragraph, quote: c.quote })),
    });
    const differences: unknown[] = [];
    for (const { id, question } of questions) {
      const response = await ask({ question });
      expect(response.status).toBe(200);
      const [onNode, onWorker] = [seen(await node.answer(question)), seen((await response.json()) as Answer)];
      if (JSON.stringify(onNode) !== JSON.stringify(onWorker)) differences.push({ id, question, onNode, onWorker });
    }
    expect(differences).toEqual([]);
  }, 120_000);

  it("answers the canonical question with a verbatim citation of ¶10 or ¶26", async () => {
    const answer = await (await ask({ question: CANONICAL })).json();
    expect(answer.abstained).toBe(false);
    const cited = answer.citations.find((c: { file: string; paragraph: number }) => c.file === CANONICAL_FILE && CANONICAL_PARAGRAPHS.includes(c.paragraph));
    expect(cited).toBeDefined();
    const paragraph = (await readFile(join("seeds", CANONICAL_FILE), "utf8")).split("\n").filter((l) => l.trim())[cited.paragraph - 1]!;
    expect(verifyQuote(cited.quote, paragraph)).toBe(true);
  });

  it("refuses bad input with the same 4xx shape as Node", async () => {
    const cases: [Response, number, string][] = [
      [await ask({}), 400, "invalid_request"],
      [await ask("{nope"), 400, "invalid_json"],
      [await ask({ question: "x".repeat(2001) }), 400, "question_too_long"],
      [await ask(JSON.stringify({ question: "x" }), { "content-type": "text/plain" }), 415, "unsupported_media_type"],
      [await ask({ question: "x", pad: "y".repeat(70 * 1024) }), 413, "payload_too_large"],
      [await fetch(`${base}/sources/nope.txt`), 404, "not_found"],
    ];
    for (const [response, status, code] of cases) {
      expect(response.status).toBe(status);
      expect((await response.json()).error.code).toBe(code);
    }
  });

  it("verifies Discord signatures exactly as on Node", async () => {
    const body = JSON.stringify({ type: 1 });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString("hex");
    const post = (headers: Record<string, string>) => fetch(`${base}/discord/interactions`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    const pong = await post({ "x-signature-ed25519": signature, "x-signature-timestamp": timestamp });
    expect(await pong.json()).toEqual({ type: 1 });
    expect((await post({ "x-signature-ed25519": "00".repeat(64), "x-signature-timestamp": timestamp })).status).toBe(401);
    expect((await post({ "x-signature-timestamp": timestamp })).status).toBe(401);
  });

  it("serves the widget and the source pages", async () => {
    const widget = await fetch(`${base}/widget.js`);
    expect(widget.headers.get("content-type")).toMatch(/javascript/);
    expect(await widget.text()).toContain("attachShadow");
    const page = await (await fetch(`${base}/sources/${CANONICAL_FILE}?p=10`)).text();
    expect(page).toMatch(/class="para cited" id="p10"/);
  });
});

describe("the Worker with a model configured (LLM_* vars, the same OpenAI-compatible endpoint as Node)", () => {
  let model: OpenAiTestServer;
  let withModel: WranglerDev | undefined;

  beforeAll(async () => {
    model = await startOpenAiTestServer();
    // The data the first Worker was built from; a second wrangler dev with the model's vars.
    // Variables the Worker once ignored or misread: a deadline and an origin written with its "/".
    withModel = await startWranglerDev({
      RATE_LIMIT_PER_MINUTE: "10000",
      ANSWER_TIMEOUT_MS: String(ANSWER_TIMEOUT_MS),
      ALLOWED_ORIGINS: "https://docs.example.com/",
      ...modelVariables(model, { LLM_TIMEOUT_MS: "5000" }),
    });
  }, 150_000);

  afterAll(() => withModel?.stop());

  const askWorker = async (question: string) => {
    model.requests.length = 0;
    const response = await fetch(`${withModel!.base}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
    expect(response.status).toBe(200);
    return (await response.json()) as Answer;
  };

  it("names the model on /health", async () => {
    expect((await (await fetch(`${withModel!.base}/health`)).json()).llm).toBe("test-model");
  });

  it("answers with the model's verified sentences, retried once after a 500", async () => {
    model.script = scenario("a 500, then a good reply (one retry)").script;
    const answer = await askWorker(CANONICAL);
    expect(answer).toMatchObject({ mode: "llm", answer: GOOD_ANSWER });
    expect(answer.citations[0]).toMatchObject({ file: CANONICAL_FILE, paragraph: 10, quote: VESSEL });
    expect(model.requests).toHaveLength(2);
  });

  it("falls back to the extractive answer on a fabricated quote, and never asks about what the documents don't cover", async () => {
    model.script = scenario("a fabricated quote").script;
    const fallback = await askWorker(CANONICAL);
    expect(fallback.mode).toBe("extractive");
    expect(fallback.answer).toBe((await (await seedService()).answer(CANONICAL)).answer);
    model.script = scenario("a good reply").script;
    expect(await askWorker("What is the population of Vietnam?")).toMatchObject({ abstained: true, citations: [], mode: "extractive" });
    expect(model.requests).toHaveLength(0);
  });

  it("gives up on an answer at ANSWER_TIMEOUT_MS with Node's 504", async () => {
    model.script = () => ({ hang: true });
    const started = Date.now();
    const response = await fetch(`${withModel!.base}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: CANONICAL }) });
    expect(response.status).toBe(504);
    expect((await response.json()).error.code).toBe("timeout");
    // Not the 15 s default, nor the model's own 5 s deadline (then the extractive answer, a 200).
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 20_000);

  it("lets the widget in from an allowed origin written with a trailing slash", async () => {
    const preflight = await fetch(`${withModel!.base}/ask`, {
      method: "OPTIONS",
      headers: { origin: "https://docs.example.com", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://docs.example.com");
  });
});

describe("the Worker with a malformed variable", () => {
  it("answers every request with a 500 naming a malformed variable, as npm start refuses to start", async () => {
    const misconfigured = await startWranglerDev({ COOLDOWN_SECONDS: "soon" }, (health) => health.status === 500);
    try {
      const response = await fetch(`${misconfigured.base}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: CANONICAL }) });
      expect(response.status).toBe(500);
      const { error } = await response.json();
      expect(error.code).toBe("invalid_configuration");
      expect(error.message).toMatch(/^Invalid configuration: COOLDOWN_SECONDS: /);
    } finally {
      misconfigured.stop();
    }
  }, 150_000);
});

describe("the Worker bundle", () => {
  it("stays within Workers' size limit for the seed corpus", async () => {
    const { raw, gzipped } = await workerBundleSize(await tempDir("worker-bundle"));
    console.log(`worker bundle: ${(raw / 1024).toFixed(0)} KiB, ${(gzipped / 1024).toFixed(0)} KiB gzipped`);
    // Workers' limit is 3 MB compressed on the free plan (10 MB paid); the free plan is the target.
    expect(gzipped).toBeLessThan(3 * 1024 * 1024);
  }, 120_000);
});
