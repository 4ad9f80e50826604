import { readFileSync } from "node:fs";
import { beforeAll, expect, it } from "vitest";
import { llmConfigFrom } from "../src/answer/llm/config.js";
import { LlmAnswerer } from "../src/answer/llm/llm-answerer.js";
import { openAiCompatibleModel } from "../src/answer/llm/openai-compatible.js";
import { openAnswerer } from "../src/open-service.js";
import { type OpenAiTestServer, startOpenAiTestServer } from "./support/openai-test-server.js";
import { CANONICAL, seedConfig } from "./support/seed-index.js";

/** The README's LLM section shows the exact prompt, a reply and the answer made of it: kept true here. */

const section = readFileSync("README.md", "utf8").split("## Fluent answers from a language model")[1]!.split("\n## ")[0]!;
const blocks = [...section.matchAll(/```(text|json)\n([\s\S]*?)\n```/g)].map((m) => m[2]!);
const [system, user, reply, answer] = blocks;

let server: OpenAiTestServer;
let llm: LlmAnswerer;

beforeAll(async () => {
  server = await startOpenAiTestServer();
  const config = llmConfigFrom({ LLM_BASE_URL: server.baseUrl, LLM_MODEL: "qwen2.5:7b-instruct" })!;
  llm = new LlmAnswerer(await openAnswerer(seedConfig()), openAiCompatibleModel(config), () => {});
});

it("shows the prompt as it is sent, and the answer the example reply makes", async () => {
  expect(blocks).toHaveLength(4);
  server.script = () => ({ reply: reply! });
  const made = await llm.answer(CANONICAL, { k: 2 });
  expect(server.requests[0]!.messages).toEqual([
    { role: "system", content: system },
    { role: "user", content: user },
  ]);
  expect(made).toEqual(JSON.parse(answer!));
});
