import type { Browser, Page } from "playwright-core";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openService } from "../src/open-service.js";
import type { AskService } from "../src/service.js";
import { buildWidgetScript } from "../src/widget/build.js";
import { launchBrowser, until } from "./support/browser.js";
import { startServer } from "./support/http-server.js";
import { GOOD_ANSWER, GOOD_SENTENCES, SCENARIOS, VESSEL } from "./support/llm-scenarios.js";
import { type OpenAiTestServer, modelVariables, startOpenAiTestServer } from "./support/openai-test-server.js";
import { CANONICAL_FILE, seedConfig, seedService } from "./support/seed-index.js";

/** The scripted model replies of tests/llm-answers.test.ts in the chat widget, in Chromium. */

const TIMEOUT_MS = 3000;

let browser: Browser;
let model: OpenAiTestServer;
let offline: AskService;
let base: string;

beforeAll(async () => {
  model = await startOpenAiTestServer();
  const service = await openService(seedConfig(modelVariables(model, { LLM_TIMEOUT_MS: String(TIMEOUT_MS) })));
  offline = await seedService();
  const widget = await buildWidgetScript();
  base = await startServer(service, { widgetScript: () => widget, ratePerMinute: 10_000 });
  browser = await launchBrowser();
});

beforeEach(() => {
  model.requests.length = 0;
});

const inWidget = (page: Page, testId: string) => page.locator(`[data-cited-answers] >> [data-testid="${testId}"]`);

async function ask(page: Page, question: string) {
  await page.goto(`${base}/`);
  await inWidget(page, "ask-launcher").click();
  await inWidget(page, "ask-input").fill(question);
  await inWidget(page, "ask-submit").click();
  return inWidget(page, "ask-answer").last();
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

describe("the widget with a model configured", () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))("%s", async (_name, s) => {
    model.script = s.script;
    const page = await browser.newPage();
    const answer = await ask(page, s.question);
    await until(async () => (await answer.getAttribute("data-state")) === "done", "the answer to finish", 20_000);
    const shown = squash((await answer.locator(".text").textContent()) ?? "");
    if (s.outcome === "llm") {
      expect(shown).toBe(GOOD_ANSWER);
      // A citation opens the paragraph's own text, not the model's retyping of it.
      await answer.locator(`[data-testid="ask-citation"][aria-label$="${CANONICAL_FILE} paragraph 10"]`).first().click();
      await until(async () => ((await answer.locator(".popover").textContent()) ?? "").includes(VESSEL), "the quote in the popover");
    } else {
      const expected = await offline.answer(s.question);
      expect(shown).toBe(squash(expected.answer));
      if (s.outcome === "refusal") expect(await answer.getAttribute("class")).toMatch(/abstained/);
    }
    expect(model.requests).toHaveLength(s.requests);
    await page.close();
  });

  it("shows a verified sentence while the model writes, and replaces it when the answer falls back", async () => {
    model.script = (r) => {
      const reply = (SCENARIOS[0]!.script(r, 0) as { reply: string }).reply;
      return { reply, hangAfter: reply.indexOf("\n") + 3 };
    };
    const page = await browser.newPage();
    const answer = await ask(page, SCENARIOS[0]!.question);
    await until(async () => ((await answer.textContent()) ?? "").includes(GOOD_SENTENCES[0]!.replace(" [1].", "")), "the streamed sentence", 20_000);
    await until(async () => (await answer.getAttribute("data-state")) === "done", "the answer to finish", 20_000);
    const shown = squash((await answer.locator(".text").textContent()) ?? "");
    expect(shown).toBe(squash((await offline.answer(SCENARIOS[0]!.question)).answer));
    expect(shown).not.toContain("OSA pays for");
    await page.close();
  });
});
