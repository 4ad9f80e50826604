import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { loadConfig } from "../src/config.js";
import { loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import { openService } from "../src/open-service.js";
import { buildWidgetScript } from "../src/widget/build.js";
import { launchBrowser, until } from "./support/browser.js";
import { startServer } from "./support/http-server.js";
import { CANONICAL, seedService } from "./support/seed-index.js";
import { tempDir } from "./support/temp.js";
import { atFileEnd, closeServer } from "./support/file-end.js";

let browser: Browser;
let widget: string;

beforeAll(async () => {
  widget = await buildWidgetScript();
  browser = await launchBrowser();
});

const answerText = (page: Page) => page.locator('[data-cited-answers] >> [data-testid="ask-answer"]').last();

async function ask(page: Page, question: string) {
  const launcher = page.locator('[data-cited-answers] >> [data-testid="ask-launcher"]');
  if ((await launcher.getAttribute("aria-expanded")) !== "true") await launcher.click();
  await page.locator('[data-cited-answers] >> [data-testid="ask-input"]').fill(question);
  await page.locator('[data-cited-answers] >> [data-testid="ask-submit"]').click();
  await until(async () => !(await page.locator('[data-cited-answers] >> [data-testid="ask-submit"]').isDisabled()), "the answer");
}

describe("documents holding HTML and script payloads", () => {
  const IMG = `<img src=x onerror="window.__pwned='img'">`;
  const SCRIPT = `<script>window.__pwned='script'</script>`;
  let base: string;

  beforeAll(async () => {
    const work = await tempDir("hostile");
    const corpus = join(work, "corpus");
    await mkdir(corpus);
    await writeFile(join(corpus, "payload.txt"), `The Zanzibar harbour protocol ${IMG} covers night inspections of cargo.\nThe Zanzibar protocol annex ${SCRIPT} lists twelve inspectors.\n`);
    await writeFile(join(corpus, `notes<b onmouseover=alert(1)>.md`), "# Zanzibar\n\nThe Zanzibar protocol was signed in 2019.\n");
    const config = loadConfig({ INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });
    await buildIndex({ corpusDir: corpus, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config) });
    base = await startServer(await openService(config), { widgetScript: () => widget, ratePerMinute: 1000 });
  });

  it("renders answers and quotes as text; nothing in them executes", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await ask(page, "What does the Zanzibar harbour protocol cover?");
    const answer = answerText(page);
    expect(await answer.textContent()).toContain(IMG);
    await answer.locator('[data-testid="ask-citation"]').first().click();
    expect(await answer.locator(".popover").textContent()).toContain(IMG);
    await ask(page, "How many inspectors does the Zanzibar protocol annex list?");
    expect(await answerText(page).textContent()).toContain(SCRIPT);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await page.locator("[data-cited-answers] >> img").count()).toBe(0);
    await page.close();
  });

  it("shows the payload as text on the source page too", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/sources/payload.txt?p=1`);
    expect(await page.locator("#p1 p").textContent()).toContain(IMG);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    await page.close();
  });
});

describe("the widget on another site", () => {
  let api: string;
  const pages: string[] = [];

  /** A host page on its own loopback origin that embeds the widget from the API's origin. */
  async function hostPage(): Promise<string> {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><title>Host</title><h1>A host site</h1><script src="${api}/widget.js" data-api="${api}" data-accent="#0a7d4f" data-position="left" async></script>`);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    atFileEnd(() => closeServer(server));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    pages.push(await hostPage(), await hostPage());
    // Only the first host page's origin is allowed.
    api = await startServer(await seedService(), { widgetScript: () => widget, allowedOrigins: [pages[0]!], ratePerMinute: 1000 });
  });

  it("answers from an allowed origin", async () => {
    const page = await browser.newPage();
    await page.goto(pages[0]!);
    await ask(page, CANONICAL);
    expect(await answerText(page).textContent()).toContain("diving support vessel");
    await page.close();
  });

  it("offers suggested questions only on a page whose origin is allowed", async () => {
    const opened = async (url: string) => {
      const page = await browser.newPage();
      await page.goto(url);
      const configured = page.waitForResponse((r) => r.url().endsWith("/widget/config"));
      await page.locator('[data-cited-answers] >> [data-testid="ask-launcher"]').click();
      await configured;
      return { page, chips: () => page.locator('[data-cited-answers] >> [data-testid="ask-suggestion"]').count() };
    };
    const allowedPage = await opened(pages[0]!);
    await until(async () => (await allowedPage.chips()) > 0, "suggestions on the allowed page");
    await allowedPage.page.close();
    const otherPage = await opened(pages[1]!);
    // The chips are drawn as the config is read; on the allowed page that took this long at most.
    await otherPage.page.waitForTimeout(500);
    expect(await otherPage.chips()).toBe(0);
    await otherPage.page.close();
  });

  it("cannot be used from an origin that is not allowed, and says so (the console names ALLOWED_ORIGINS)", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(pages[1]!);
    await ask(page, CANONICAL);
    const text = (await answerText(page).textContent()) ?? "";
    expect(text).toContain(`This site (${pages[1]}) is not allowed`);
    expect(text).not.toMatch(/Can't reach the server/);
    await until(async () => errors.some((e) => e.includes("ALLOWED_ORIGINS") && e.includes(pages[1]!)), "the console to name ALLOWED_ORIGINS");
    // The question is kept for when the site is allowed.
    expect(await page.locator('[data-cited-answers] >> [data-testid="ask-input"]').inputValue()).toBe(CANONICAL);
    await page.close();
  });

  it("says it can't reach the server when the server is down", async () => {
    const down = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><title>Host</title><script src="${api}/widget.js" data-api="http://127.0.0.1:9" async></script>`);
    });
    await new Promise<void>((r) => down.listen(0, "127.0.0.1", r));
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(down.address() as AddressInfo).port}`);
    await ask(page, CANONICAL);
    expect(await answerText(page).textContent()).toMatch(/Can't reach the server/);
    await page.close();
    await new Promise<void>((r) => down.close(() => r()));
  });

  it("answers preflights, and gives CORS headers only to allowed origins", async () => {
    const preflight = (origin: string) =>
      fetch(`${api}/ask/stream`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
    const allowed = await preflight(pages[0]!);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(pages[0]);
    const refused = await preflight(pages[1]!);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });
});
