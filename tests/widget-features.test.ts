import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { FileFeedbackStore } from "../src/feedback/store.js";
import { buildWidgetScript } from "../src/widget/build.js";
import { ARTIFACTS, launchBrowser, until } from "./support/browser.js";
import { startServer } from "./support/http-server.js";
import { CANONICAL, seedService } from "./support/seed-index.js";
import { tempDir } from "./support/temp.js";

const SCREENS = `${ARTIFACTS}/screens`;
const REFUSED = "What is the recipe for miso soup?";

let browser: Browser;
let base: string;
let feedback: FileFeedbackStore;

beforeAll(async () => {
  await mkdir(SCREENS, { recursive: true });
  feedback = new FileFeedbackStore(join(await tempDir("widget-votes"), "feedback.jsonl"));
  const widget = await buildWidgetScript();
  base = await startServer(await seedService(), { widgetScript: () => widget, ratePerMinute: 1000, feedback });
  browser = await launchBrowser();
});

const inWidget = (page: Page, testId: string) => page.locator(`[data-cited-answers] >> [data-testid="${testId}"]`);
const done = (answer: Locator) => until(async () => (await answer.getAttribute("data-state")) === "done", "the answer", 30_000);

async function openWidget(viewport = { width: 1280, height: 860 }): Promise<Page> {
  const context = await browser.newContext({ viewport, ...(viewport.width < 500 ? { isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await inWidget(page, "ask-launcher").click();
  return page;
}

async function ask(page: Page, question: string): Promise<Locator> {
  await inWidget(page, "ask-input").fill(question);
  await inWidget(page, "ask-submit").click();
  const answer = inWidget(page, "ask-answer").last();
  await until(async () => ((await answer.locator("xpath=..").locator(".question").textContent()) ?? "") === question, "the question to show");
  await done(answer);
  return answer;
}

interface AskJson {
  answer: string;
  citations: { n: number; file: string; paragraph: number; quote: string; kind?: string }[];
}

const postAsk = async (question: string) =>
  (await (await fetch(`${base}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) })).json()) as AskJson;

describe("the widget's answers", () => {
  it("lists each cited paragraph once, with the text around the quote rather than the quote again", async () => {
    const page = await openWidget();
    const answer = await ask(page, CANONICAL);
    const json = await postAsk(CANONICAL);
    const paragraphs = new Set(json.citations.map((c) => `${c.file} ¶${c.paragraph}`));
    const items = answer.getByTestId("ask-source");
    expect(await items.count()).toBe(paragraphs.size);
    const links = await items.locator("a").allTextContents();
    expect(new Set(links).size).toBe(links.length);
    expect(new Set(links)).toEqual(paragraphs);
    const contexts = await answer.getByTestId("ask-source-context").allTextContents();
    expect(contexts.length).toBeGreaterThan(0);
    for (const context of contexts) {
      for (const c of json.citations) expect(context).not.toContain(c.quote);
      // What it adds is not already in the answer.
      expect(json.answer).not.toContain(context.replace(/^… |\s…$/g, "").slice(0, 60));
    }
    await page.context().close();
  });

  it("offers the closest passages when the documents don't say", async () => {
    const page = await openWidget();
    const answer = await ask(page, REFUSED);
    expect(await answer.textContent()).toContain("documents don't say");
    const related = answer.getByTestId("ask-related").locator("li");
    expect(await related.count()).toBeGreaterThan(0);
    expect(await related.first().locator("a").evaluate((a) => (a as HTMLAnchorElement).href)).toMatch(new RegExp(`^${base}/sources/.+\\?p=\\d+#p\\d+$`));
    expect(await answer.getByTestId("ask-sources").count()).toBe(0);
    await page.screenshot({ path: `${SCREENS}/widget-refusal.png` });
    await page.context().close();
  });

  it("records 👍 and 👎 in the feedback store; a later vote replaces the earlier one", async () => {
    const before = await feedback.summary();
    const page = await openWidget();
    const answer = await ask(page, CANONICAL);
    await answer.getByTestId("ask-vote-up").click();
    await until(async () => (await answer.getByTestId("ask-vote-up").getAttribute("aria-pressed")) === "true", "the 👍 to show pressed");
    const afterUp = await feedback.summary();
    expect(afterUp.answers).toBeGreaterThan(before.answers);
    expect(afterUp.up).toBe(before.up + 1);
    await answer.getByTestId("ask-vote-down").click();
    await until(async () => (await answer.getByTestId("ask-vote-down").getAttribute("aria-pressed")) === "true", "the 👎 to show pressed");
    expect(await answer.getByTestId("ask-vote-up").getAttribute("aria-pressed")).toBe("false");
    const afterDown = await feedback.summary();
    expect(afterDown.up).toBe(before.up);
    expect(afterDown.down).toBe(before.down + 1);
    await page.context().close();
  });

  it("suggests questions drawn from the corpus, which the documents answer", async () => {
    const config = (await (await fetch(`${base}/widget/config`)).json()) as { suggestions: string[] };
    expect(config.suggestions.length).toBeGreaterThan(0);
    const page = await openWidget();
    const chips = inWidget(page, "ask-suggestion");
    await until(async () => (await chips.count()) === config.suggestions.length, "the suggestions");
    expect(await chips.allTextContents()).toEqual(config.suggestions);
    await chips.first().click();
    const answer = inWidget(page, "ask-answer").last();
    await done(answer);
    expect(await answer.getAttribute("class")).not.toMatch(/abstained/);
    expect(await answer.getByTestId("ask-citation").count()).toBeGreaterThan(0);
    // Once the conversation has begun, the suggestions make way for it.
    expect(await chips.count()).toBe(0);
    await page.context().close();
  });

  it("a follow-up goes with the conversation (screenshot)", async () => {
    const page = await openWidget();
    await ask(page, CANONICAL);
    const [request] = await Promise.all([page.waitForRequest((r) => r.url().endsWith("/ask/stream")), ask(page, "How much does it cost?")]);
    const body = request.postDataJSON() as { question: string; history: { question: string; answer: string }[] };
    expect(body.history).toHaveLength(1);
    expect(body.history[0]!.question).toBe(CANONICAL);
    expect(body.history[0]!.answer).toBe((await postAsk(CANONICAL)).answer);
    await page.screenshot({ path: `${SCREENS}/widget-follow-up.png` });
    await page.context().close();
  });
});

describe("the widget's question box and panel", () => {
  it("grows with the question, up to a limit", async () => {
    const page = await openWidget();
    const input = inWidget(page, "ask-input");
    const height = async () => (await input.boundingBox())!.height;
    await input.fill("One line");
    const one = await height();
    await input.fill("One\ntwo\nthree\nfour");
    const four = await height();
    expect(four).toBeGreaterThan(one * 1.8);
    await input.fill(Array.from({ length: 40 }, (_, i) => `line ${i}`).join("\n"));
    const many = await height();
    expect(many).toBeGreaterThanOrEqual(four);
    expect(many).toBeLessThanOrEqual(150);
    await page.context().close();
  });

  it("uses 16 px text in the box on a phone (no zoom on focus), 15 px on a desktop", async () => {
    const fontSize = (page: Page) => inWidget(page, "ask-input").evaluate((el) => getComputedStyle(el).fontSize);
    const phone = await openWidget({ width: 390, height: 844 });
    expect(await fontSize(phone)).toBe("16px");
    await phone.context().close();
    const desktop = await openWidget();
    expect(await fontSize(desktop)).toBe("15px");
    await desktop.context().close();
  });

  it("keeps Tab and Shift+Tab inside the full-screen panel on a phone", async () => {
    const page = await openWidget({ width: 390, height: 844 });
    await ask(page, CANONICAL);
    const focusInPanel = () =>
      page.evaluate(() => {
        const host = document.querySelector("[data-cited-answers]")!;
        const active = host.shadowRoot!.activeElement;
        return document.activeElement === host && !!active && !!active.closest(".panel");
      });
    const reachable = await page.locator("[data-cited-answers] >> .panel").evaluate(
      (panel) => [...panel.querySelectorAll("button, a[href], textarea")].filter((e) => !(e as HTMLButtonElement).disabled && e.getClientRects().length).length,
    );
    expect(reachable).toBeGreaterThan(5);
    expect(await focusInPanel()).toBe(true);
    for (let i = 0; i < reachable + 3; i++) {
      await page.keyboard.press("Tab");
      expect(await focusInPanel()).toBe(true);
    }
    for (let i = 0; i < reachable + 3; i++) {
      await page.keyboard.press("Shift+Tab");
      expect(await focusInPanel()).toBe(true);
    }
    expect(await page.locator("[data-cited-answers] >> .panel").getAttribute("aria-modal")).toBe("true");
    await page.context().close();
  });
});
