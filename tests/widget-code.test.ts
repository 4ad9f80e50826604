import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { loadConfig } from "../src/config.js";
import { loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import { openService } from "../src/open-service.js";
import { buildWidgetScript } from "../src/widget/build.js";
import { ARTIFACTS, launchBrowser, until } from "./support/browser.js";
import { startServer } from "./support/http-server.js";
import { tempDir } from "./support/temp.js";

const QUESTION = "How do I read a query parameter?";
const CODE = "app.get('/search', (request, reply) => {\n  const { q } = request.query\n\n  return { results: find(q) }\n})";

let browser: Browser;
let base: string;

beforeAll(async () => {
  const work = await tempDir("widget-code");
  const config = loadConfig({ CORPUS_DIR: "tests/fixtures/harbour-docs", INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });
  await buildIndex({ corpusDir: config.corpusDir, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config) });
  const widget = await buildWidgetScript();
  base = await startServer(await openService(config), { widgetScript: () => widget, ratePerMinute: 1000 });
  browser = await launchBrowser();
});

const inWidget = (page: Page, testId: string) => page.locator(`[data-cited-answers] >> [data-testid="${testId}"]`);

describe("code in the widget's answers", () => {
  it("shows a cited code block as code, with a button that copies exactly the code", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await inWidget(page, "ask-launcher").click();
    await inWidget(page, "ask-input").fill(QUESTION);
    await inWidget(page, "ask-submit").click();
    const answer = inWidget(page, "ask-answer").last();
    await answer.locator('[data-testid="ask-citation"]').first().waitFor({ state: "visible" });
    const block = answer.locator('[data-testid="ask-code"][data-language="js"]');
    await block.waitFor({ state: "visible" });
    expect(await block.locator("pre code").textContent()).toBe(CODE);
    expect(await block.locator("pre code").evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono/i);
    // The fences are how the answer carries code, not something a visitor reads.
    expect(await answer.locator(".text").textContent()).not.toContain("```");
    await block.getByTestId("ask-copy-code").click();
    await until(async () => (await block.getByTestId("ask-copy-code").textContent()) === "Copied", "the copy button to confirm");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(CODE);
    await mkdir(`${ARTIFACTS}/screens`, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/screens/widget-code.png` });
    await context.close();
  });

  it("shows the cited code block highlighted, as code, on the source page", async () => {
    const page = await browser.newPage();
    const answer = (await (await fetch(`${base}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: QUESTION }) })).json()) as {
      citations: { paragraph: number; kind?: string }[];
    };
    const cited = answer.citations.find((c) => c.kind === "code")!;
    await page.goto(`${base}/sources/getting-started.md?p=${cited.paragraph}`);
    const block = page.locator(`#p${cited.paragraph}`);
    expect(await block.getAttribute("class")).toMatch(/cited/);
    expect(await block.locator("pre code").textContent()).toBe(CODE);
    expect(await page.locator(".doc-title").textContent()).toBe("Getting started with Harbour");
    expect(await page.locator("body").textContent()).not.toMatch(/\]\(https|\*\*|:::/);
    await page.close();
  });
});
