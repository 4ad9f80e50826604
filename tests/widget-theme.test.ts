import { mkdir } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { buildWidgetScript } from "../src/widget/build.js";
import { ARTIFACTS, launchBrowser, until } from "./support/browser.js";
import { widgetContrasts } from "./support/contrast.js";
import { startServer } from "./support/http-server.js";
import { CANONICAL, seedService } from "./support/seed-index.js";
import { atFileEnd, closeServer } from "./support/file-end.js";

/** Screenshots for a person to look at (git-ignored, like the rest of test-artifacts/). */
const SCREENS = `${ARTIFACTS}/screens`;
/** WCAG AA for body text. */
const AA = 4.5;

let browser: Browser;
let api: string;
let host: string;

beforeAll(async () => {
  await mkdir(SCREENS, { recursive: true });
  // A host page whose own colour scheme is dark (what made typed text invisible), the widget's
  // data-theme taken from ?theme= and its data-accent from ?accent=.
  const server = createServer((req, res) => {
    const params = new URL(req.url ?? "/", "http://x").searchParams;
    const [theme, accent] = [params.get("theme"), params.get("accent")];
    res.writeHead(200, { "content-type": "text/html" }).end(
      `<!doctype html><title>Host</title><meta name="viewport" content="width=device-width, initial-scale=1"><style>:root { color-scheme: dark; } body { background: #121212; color: #eee; font: 16px sans-serif; }</style>` +
        `<h1>A site with a dark colour scheme</h1><p>Some text, and <a href="#">a link</a>.</p>` +
        `<script src="${api}/widget.js" data-api="${api}"${theme ? ` data-theme="${theme}"` : ""}${accent ? ` data-accent="${accent}"` : ""} async></script>`,
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  atFileEnd(() => closeServer(server));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const widget = await buildWidgetScript();
  api = await startServer(await seedService(), { widgetScript: () => widget, allowedOrigins: [host], ratePerMinute: 1000 });
  browser = await launchBrowser();
});

const inWidget = (page: Page, testId: string) => page.locator(`[data-cited-answers] >> [data-testid="${testId}"]`);

async function pageWith(scheme: "dark" | "light", theme: string | null, viewport = { width: 1280, height: 860 }): Promise<Page> {
  const context = await browser.newContext({ viewport, colorScheme: scheme, ...(viewport.width < 500 ? { isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  await page.goto(theme ? `${host}/?theme=${theme}` : host);
  await inWidget(page, "ask-launcher").click();
  return page;
}

/** The page with the widget's data-accent set, its panel open, and what the widget said in the console. */
async function pageWithAccent(accent: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${host}/?${new URLSearchParams({ accent })}`);
  await inWidget(page, "ask-launcher").click();
  return { page, errors };
}

/** The backgrounds of what the accent paints: the panel's title bar, the Ask button and the launcher. */
const accentBackgrounds = (page: Page) =>
  Promise.all(["header", '[data-testid="ask-submit"]', '[data-testid="ask-launcher"]'].map((css) => page.locator(`[data-cited-answers] >> ${css}`).evaluate((el) => getComputedStyle(el).backgroundColor)));

/** The panel's background is dark (the widget's dark theme) or light. */
const panelIsDark = (page: Page) =>
  page.locator("[data-cited-answers] >> .panel").evaluate((el) => {
    const [r, g, b] = getComputedStyle(el).backgroundColor.match(/\d+/g)!.map(Number);
    return 0.299 * r! + 0.587 * g! + 0.114 * b! < 128;
  });

async function typedTextContrast(page: Page): Promise<number> {
  await inWidget(page, "ask-input").fill("Is this readable?");
  const contrasts = await page.evaluate(widgetContrasts);
  return contrasts.find((c) => c.text === "Is this readable?")!.ratio;
}

async function answerCanonical(page: Page) {
  await inWidget(page, "ask-input").fill(CANONICAL);
  await inWidget(page, "ask-submit").click();
  await until(async () => (await inWidget(page, "ask-answer").last().getAttribute("data-state")) === "done", "the answer", 30_000);
  await inWidget(page, "ask-answer").last().locator('[data-testid="ask-citation"]').first().click();
}

describe("the widget's colours on a page with color-scheme: dark", () => {
  for (const [scheme, theme, dark] of [
    ["dark", null, true],
    ["light", null, false],
    ["light", "auto", false],
    ["dark", "light", false],
    ["light", "dark", true],
  ] as const) {
    it(`data-theme=${theme ?? "(unset)"}, page prefers ${scheme}: the ${dark ? "dark" : "light"} theme, typed text readable`, async () => {
      const page = await pageWith(scheme, theme);
      expect(await page.locator("[data-cited-answers]").getAttribute("data-theme")).toBe(theme ?? "auto");
      expect(await panelIsDark(page)).toBe(dark);
      expect(await typedTextContrast(page)).toBeGreaterThanOrEqual(AA);
      await page.context().close();
    });
  }

  for (const scheme of ["dark", "light"] as const) {
    for (const [device, viewport] of [["desktop", { width: 1280, height: 860 }], ["phone", { width: 390, height: 844 }]] as const) {
      it(`every text in an answered conversation contrasts with its background (${scheme}, ${device})`, async () => {
        const page = await pageWith(scheme, "auto", viewport);
        await answerCanonical(page);
        const contrasts = await page.evaluate(widgetContrasts);
        expect(contrasts.length).toBeGreaterThan(10);
        expect(contrasts.filter((c) => c.ratio < AA)).toEqual([]);
        await page.screenshot({ path: `${SCREENS}/widget-${scheme}-${device}.png` });
        await page.context().close();
      });
    }
  }

  it("paints the title bar, Ask button and launcher with a data-accent that is a colour", async () => {
    for (const [accent, painted] of [["rgb(10, 125, 79)", "rgb(10, 125, 79)"], ["#a0c", "rgb(170, 0, 204)"], ["rebeccapurple", "rgb(102, 51, 153)"]] as const) {
      const { page, errors } = await pageWithAccent(accent);
      expect(await accentBackgrounds(page)).toEqual([painted, painted, painted]);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  // Each is a colour, but one the page shows through: the white title and the Ask label were
  // drawn on whatever the host page has behind the widget.
  for (const accent of ["transparent", "#0000", "rgb(0, 0, 0, 0)"]) {
    it(`falls back to the default accent for a see-through data-accent="${accent}", and says why`, async () => {
      const { page, errors } = await pageWithAccent(accent);
      expect(await accentBackgrounds(page)).toEqual(Array(3).fill("rgb(47, 95, 208)"));
      expect(errors).toEqual([expect.stringContaining(`data-accent="${accent}" is not an opaque colour`)]);
      await page.close();
    });
  }

  it("keeps text readable on a light data-accent: dark text on it, and links in the page's own colour", async () => {
    const { page, errors } = await pageWithAccent("#ffeb3b");
    expect(await accentBackgrounds(page)).toEqual(Array(3).fill("rgb(255, 235, 59)"));
    await answerCanonical(page);
    const contrasts = await page.evaluate(widgetContrasts);
    const onAccent = contrasts.filter((c) => c.background === "rgb(255, 235, 59)");
    expect(onAccent.map((c) => c.text)).toEqual(expect.arrayContaining(["Ask the documents", "Ask"]));
    expect(contrasts.filter((c) => c.ratio < AA)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  // Each has the shape of a colour (hex, a name, rgb()) without being one: the browser drops it,
  // and the white text on the accent went with the background.
  for (const accent of ["notacolour", "#12345", "rgb(1, 2)", "inherit", "currentcolor"]) {
    it(`falls back to the default accent, and says so in the console, for data-accent="${accent}"`, async () => {
      const { page, errors } = await pageWithAccent(accent);
      expect(await accentBackgrounds(page)).toEqual(Array(3).fill("rgb(47, 95, 208)"));
      expect(errors).toEqual([expect.stringContaining(`data-accent="${accent}" is not a colour`)]);
      await page.close();
    });
  }
});
