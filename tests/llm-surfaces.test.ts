import { spawn } from "node:child_process";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { answerProblems, paragraphLookup } from "../src/answer/verify.js";
import { RequestBudget } from "../src/request-budget.js";
import { REFUSAL_TEXT } from "../src/discord/format.js";
import { discordInteractions } from "../src/discord/interactions.js";
import { openService } from "../src/open-service.js";
import type { AskService } from "../src/service.js";
import type { Answer } from "../src/types.js";
import { startServer } from "./support/http-server.js";
import { startServerProcess } from "./support/server-process.js";
import { GOOD_ANSWER, GOOD_SENTENCES, type Outcome, SCENARIOS, VESSEL } from "./support/llm-scenarios.js";
import { applicationKeys, askInteraction, signedInteraction } from "./support/discord-interaction.js";
import { type OpenAiTestServer, modelVariables, startOpenAiTestServer } from "./support/openai-test-server.js";
import { CANONICAL, SEED_INDEX, seedConfig, seedService } from "./support/seed-index.js";

/**
 * The scripted model replies of tests/llm-answers.test.ts through every server surface: POST
 * /ask, POST /ask/stream and Discord's interactions endpoint (signed requests), each with the
 * service `npm start` builds from LLM_* configuration. (The widget: tests/widget-llm.test.ts.)
 */

const TIMEOUT_MS = 3000;
const { privateKey, publicKeyHex } = applicationKeys();

let model: OpenAiTestServer;
let service: AskService;
let offline: AskService;
let withModel: string;
let withoutModel: string;

beforeAll(async () => {
  model = await startOpenAiTestServer();
  service = await openService(seedConfig(modelVariables(model, { LLM_TIMEOUT_MS: String(TIMEOUT_MS) })));
  offline = await seedService();
  const discord = (apiBase: string) => ({ publicKey: publicKeyHex, apiBase, deferAfterMs: 10_000, cooldown: new RequestBudget(1000, 60), interactions: discordInteractions });
  withModel = await startServer(service, { ratePerMinute: 10_000, discord: discord("http://127.0.0.1:9/api/v10") });
  withoutModel = await startServer(offline, { ratePerMinute: 10_000, discord: discord("http://127.0.0.1:9/api/v10") });
});

beforeEach(() => {
  model.requests.length = 0;
});

const post = (url: string, body: unknown) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** Nothing unverified reaches a user: every marker resolves, every quote is the paragraph's own text. */
function expectVerified(answer: Answer): void {
  const lookup = paragraphLookup((file) => service.document(file));
  expect(answerProblems(answer, lookup)).toEqual([]);
}

async function expectOutcome(answer: Answer, outcome: Outcome, question: string): Promise<void> {
  expectVerified(answer);
  if (outcome === "llm") expect(answer).toMatchObject({ mode: "llm", abstained: false, answer: GOOD_ANSWER });
  else if (outcome === "refusal") expect(answer).toMatchObject({ mode: "extractive", abstained: true, citations: [] });
  else expect(answer).toEqual(await (await post(`${withoutModel}/ask`, { question })).json());
}

function parseSse(text: string): { event: string; data: Record<string, unknown> }[] {
  return text
    .split("\n\n")
    .filter((b) => b.trim())
    .map((block) => ({ event: block.match(/^event: (.*)$/m)![1]!, data: JSON.parse(block.match(/^data: (.*)$/m)![1]!) }));
}

const signed = (body: unknown) => signedInteraction(body, privateKey);

describe("a model's answers through every surface", () => {
  it("names the configured model on /health, and nothing of its address or key", async () => {
    const health = await (await fetch(`${withModel}/health`)).json();
    expect(health.llm).toBe("test-model");
    expect(JSON.stringify(health)).not.toContain("127.0.0.1");
    expect((await (await fetch(`${withoutModel}/health`)).json()).llm).toBe("none");
  });

  describe.each(SCENARIOS.map((s) => [s.name, s] as const))("%s", (_name, s) => {
    beforeEach(() => {
      model.script = s.script;
    });

    it("POST /ask", async () => {
      const response = await post(`${withModel}/ask`, { question: s.question });
      expect(response.status).toBe(200);
      await expectOutcome(await response.json(), s.outcome, s.question);
      expect(model.requests).toHaveLength(s.requests);
    });

    it("POST /ask/stream", async () => {
      const response = await post(`${withModel}/ask/stream`, { question: s.question });
      const events = parseSse(await response.text());
      expect(events.at(-1)!.event).toBe("done");
      const done = events.at(-1)!.data as unknown as Answer;
      await expectOutcome(done, s.outcome, s.question);
      // What is left on screen after the last restart is exactly the answer.
      const afterRestart = events.slice(events.map((e) => e.event).lastIndexOf("restart") + 1);
      expect(afterRestart.filter((e) => e.event === "answer").map((e) => e.data.delta).join("")).toBe(done.answer);
      expect(events.at(-2)!.data.citations).toEqual(done.citations);
      if (s.outcome === "llm") expect(events.filter((e) => e.event === "answer").map((e) => e.data.delta)).toEqual([GOOD_SENTENCES[0], ` ${GOOD_SENTENCES[1]}`]);
      expect(model.requests).toHaveLength(s.requests);
      expect(model.requests.every((r) => r.stream === true)).toBe(true);
    });

    it("Discord /ask", async () => {
      const reply = await (await fetch(`${withModel}/discord/interactions`, signed(askInteraction(s.question)))).json();
      expect(reply.type).toBe(4);
      const content = reply.data.content as string;
      if (s.outcome === "llm") {
        expect(content).toContain(GOOD_ANSWER);
        // The quote shown is the paragraph's own text.
        expect(reply.data.embeds[0].description).toContain(`“${VESSEL}”`);
      } else if (s.outcome === "refusal") {
        expect(content).toContain(REFUSAL_TEXT);
      } else {
        const offlineReply = await (await fetch(`${withoutModel}/discord/interactions`, signed(askInteraction(s.question)))).json();
        expect(content).toBe(offlineReply.data.content);
        expect(reply.data.embeds).toEqual(offlineReply.data.embeds);
      }
      expect(model.requests).toHaveLength(s.requests);
    });
  });

  it("a stream whose model stalls after a verified sentence withdraws it and sends the extractive answer", async () => {
    model.script = (r) => {
      const reply = (SCENARIOS[0]!.script(r, 0) as { reply: string }).reply;
      return { reply, hangAfter: reply.indexOf("\n") + 3 };
    };
    const events = parseSse(await (await post(`${withModel}/ask/stream`, { question: SCENARIOS[0]!.question })).text());
    const names = events.map((e) => e.event);
    expect(names.slice(0, 2)).toEqual(["answer", "restart"]);
    expect(events[0]!.data.delta).toBe(GOOD_SENTENCES[0]);
    await expectOutcome(events.at(-1)!.data as unknown as Answer, "extractive", SCENARIOS[0]!.question);
  });
});

describe("npm start with LLM_* set", () => {
  it("names the model when it starts, logs the tokens of each answer, and never the key", async () => {
    const key = "sk-live-secret-0123456789abcdef";
    const server = await startServerProcess({ INDEX_DIR: SEED_INDEX, ...modelVariables(model, { LLM_API_KEY: key }) });
    model.script = SCENARIOS[0]!.script;
    const answer = await (await post(`${server.base}/ask`, { question: CANONICAL })).json();
    expect(answer).toMatchObject({ mode: "llm", answer: GOOD_ANSWER });
    expect(model.requests[0]!.authorization).toBe(`Bearer ${key}`);
    // A failing model is logged too, in words of ours.
    model.script = () => ({ status: 401 });
    expect((await (await post(`${server.base}/ask`, { question: CANONICAL })).json()).mode).toBe("extractive");
    const output = server.output();
    expect(output).toContain("llm: test-model");
    expect(output).toMatch(/llm answer: test-model, tokens in 812, out 64, total 876, 1 request; 2\/2 lines verified/);
    expect(output).toContain("llm answer: test-model failed (the model's server answered HTTP 401); extractive answer sent");
    expect(output).not.toContain(key);
  });
});

describe("npm run ask with LLM_* set", () => {
  it("prints the model's verified answer as JSON on stdout, its log on stderr", async () => {
    model.script = SCENARIOS[0]!.script;
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/ask.ts", "--json", CANONICAL], {
      env: { ...process.env, EMBEDDER: "wordvectors", INDEX_DIR: SEED_INDEX, ...modelVariables(model) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    expect(await new Promise((r) => child.on("close", r))).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ mode: "llm", answer: GOOD_ANSWER });
    expect(err).toContain("llm answer: test-model, tokens in 812");
  });
});
