import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { loadConfig } from "../src/config.js";
import { loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import { readOriginal } from "../src/http/original-file.js";
import { openService } from "../src/open-service.js";
import { buildWidgetScript } from "../src/widget/build.js";
import { ARTIFACTS, launchBrowser, until } from "./support/browser.js";
import { makePdf } from "./support/documents.js";
import { REPORT_PAGES } from "./support/format-corpus.js";
import { startServer } from "./support/http-server.js";
import { tempDir } from "./support/temp.js";

/**
 * An HTML document is someone else's page: its scripts and event handlers must never run where
 * we show its text — in the widget or on the source page — whether they were real elements
 * (dropped at ingest) or text that reads like markup (shown as text).
 */
const SHOWN_IMG = `<img src=x onerror="window.__pwned='shown img';alert(1)">`;
const SHOWN_SCRIPT = `<script>window.__pwned='shown script';alert(2)</script>`;
const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const HOSTILE_PAGE = `<!doctype html><html><head><title>Quillon pass</title>
<script>window.__pwned = "head script"; alert(3)</script></head>
<body onload="window.__pwned='onload'">
<p>The Quillon harbour pass notice reads ${escape(SHOWN_IMG)} at the gate.</p>
<p>The Quillon pass annex prints ${escape(SHOWN_SCRIPT)} on every permit.</p>
<p>The Quillon pass costs twelve euros <img src=x onerror="window.__pwned='real img';alert(4)"> a day.</p>
<script>window.__pwned = "body script"; alert(5)</script>
</body></html>`;

/** Long unbroken words, as error-code tables and pasted URLs have them. */
const WIDE_DOCUMENT = [
  "# Errors",
  "",
  "See https://example.org/a/very/long/path/that/keeps/going/and/going/without/any/space/to/break/at/all/in/it for details.",
  "",
  "| Code | Description |",
  "| --- | --- |",
  "| `FST_ERR_SCHEMA_CONTROLLER_BUCKET_OPT_NOT_FN_AND_SOME_MORE` | The schema controller bucket option is not a function. |",
  "| `FST_ERR_X` | Short. |",
  "",
].join("\n");

let browser: Browser;
let base: string;

beforeAll(async () => {
  const work = await tempDir("formats-browser");
  const corpus = join(work, "corpus");
  await mkdir(corpus);
  await writeFile(join(corpus, "quillon.html"), HOSTILE_PAGE);
  await writeFile(join(corpus, "report.pdf"), await makePdf(REPORT_PAGES));
  await writeFile(join(corpus, "errors.md"), WIDE_DOCUMENT);
  const config = loadConfig({ INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });
  await buildIndex({ corpusDir: corpus, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config) });
  const widget = await buildWidgetScript();
  base = await startServer(await openService(config), { widgetScript: () => widget, originals: readOriginal, ratePerMinute: 1000 });
  browser = await launchBrowser();
});

/** A page that records any dialog (alert) a payload opens, and can say whether a payload ran. */
async function watchedPage(): Promise<{ page: Page; dialogs: string[]; pwned: () => Promise<unknown> }> {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, dialogs, pwned: () => page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned) };
}

const inWidget = (page: Page, testId: string) => page.locator(`[data-cited-answers] >> [data-testid="${testId}"]`);

async function ask(page: Page, question: string) {
  const launcher = inWidget(page, "ask-launcher");
  if ((await launcher.getAttribute("aria-expanded")) !== "true") await launcher.click();
  await inWidget(page, "ask-input").fill(question);
  await inWidget(page, "ask-submit").click();
  await until(async () => !(await inWidget(page, "ask-submit").isDisabled()), "the answer");
}

describe("an HTML document holding script and onerror payloads", () => {
  it("renders inert in the widget: payloads shown as text, none runs", async () => {
    const { page, dialogs, pwned } = await watchedPage();
    await page.goto(`${base}/`);
    await ask(page, "What does the Quillon harbour pass notice read at the gate?");
    const answer = inWidget(page, "ask-answer").last();
    expect(await answer.textContent()).toContain(SHOWN_IMG);
    await answer.locator('[data-testid="ask-citation"]').first().click();
    expect(await answer.locator(".popover").textContent()).toContain(SHOWN_IMG);
    await ask(page, "What does the Quillon pass annex print on every permit?");
    expect(await inWidget(page, "ask-answer").last().textContent()).toContain(SHOWN_SCRIPT);
    await page.waitForTimeout(300); // an onerror fires as soon as the image fails: give it the chance
    expect(await pwned()).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.locator("[data-cited-answers] >> img").count()).toBe(0);
    await page.close();
  });

  it("renders inert in the source view: text, no elements from the page", async () => {
    const { page, dialogs, pwned } = await watchedPage();
    await page.goto(`${base}/sources/quillon.html?p=1`);
    expect(await page.locator("#p1 p").textContent()).toContain(SHOWN_IMG);
    expect(await page.locator("#p2 p").textContent()).toContain(SHOWN_SCRIPT);
    // The real <img> and <script> elements were never indexed: what the reader saw is.
    expect(await page.locator("#p3 p").textContent()).toBe("The Quillon pass costs twelve euros a day.");
    await page.waitForTimeout(300);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("body script").count()).toBe(0);
    expect(await pwned()).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.close();
  });
});

describe("a cited PDF page", () => {
  it("opens in Chromium's PDF viewer from the source page's link, under the server's Content-Security-Policy", async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) blocked.push(m.text());
    });
    await page.goto(`${base}/sources/report.pdf?p=5`);
    const link = page.locator('h2#page2 a[href="/originals/report.pdf#page=2"]');
    expect(await link.count()).toBe(1);
    const response = await page.goto(`${base}/originals/report.pdf#page=2`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-type"]).toBe("application/pdf");
    // The viewer is Chromium's built-in extension, framed into the page it makes for the PDF.
    await until(async () => page.frames().some((f) => f.url().startsWith("chrome-extension://")), "the PDF viewer");
    const viewer = page.frames().find((f) => f.url().startsWith("chrome-extension://"))!;
    // It opened the PDF, all three pages, at page 2 (#page=2); playwright's CSS pierces its shadow DOM.
    await until(async () => (await viewer.locator("viewer-page-selector input").inputValue()) === "2", "the viewer at page 2");
    expect(await viewer.locator("viewer-page-selector #pagelength").textContent()).toContain("3");
    await page.screenshot({ path: join(ARTIFACTS, "pdf-viewer-page2.png") });
    expect(blocked).toEqual([]);
    await page.close();
  });
});

describe("pages on a narrow screen", () => {
  it.each([375, 1000])("a source page of long words and a wide table fits %ipx, its columns lined up, with no console error", async (width) => {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    const errors: string[] = [];
    page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
    await page.goto(`${base}/sources/errors.md`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    // Each row is a line of its own: its cells start where the header's do.
    const lefts = await page.locator("p.row").evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("span")].map((s) => Math.round(s.getBoundingClientRect().left))));
    expect(lefts.length).toBe(3);
    for (const row of lefts) expect(row).toEqual(lefts[0]);
    await page.goto(`${base}/`);
    expect(errors).toEqual([]);
    await page.close();
  });
});
