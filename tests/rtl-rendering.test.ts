import type { Browser, Locator } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { buildWidgetScript } from "../src/widget/build.js";
import { launchBrowser } from "./support/browser.js";
import { serviceOverFiles } from "./support/folder-service.js";
import { startServer } from "./support/http-server.js";

/**
 * Arabic and Hebrew documents read right to left: shown in a left-to-right box, a sentence's
 * full stop lands at its start and a sentence holding a Latin word (HTTPS) comes out with its
 * parts in the wrong order. Every text from a document or a visitor takes its own direction.
 */
const ARABIC = [
  "القاهرة هي عاصمة جمهورية مصر العربية وأكبر مدنها.",
  "يستخدم نظام HTTP المنفذ 80 افتراضيا، بينما يستخدم HTTPS المنفذ 443.",
  "",
].join("\n");
const ENGLISH = "The harbour office opens at eight in the morning on weekdays.\n";
const QUESTION = "ما المنفذ الذي يستخدمه HTTPS؟";

let browser: Browser;
let base: string;

beforeAll(async () => {
  const service = await serviceOverFiles("rtl-rendering", { "ar.txt": ARABIC, "en.txt": ENGLISH });
  const widget = await buildWidgetScript();
  base = await startServer(service, { widgetScript: () => widget, ratePerMinute: 1000 });
  browser = await launchBrowser();
});

const direction = (l: Locator) => l.evaluate((el) => getComputedStyle(el).direction);

describe("right-to-left text", () => {
  it("the source page shows an Arabic paragraph right to left and an English one left to right", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/sources/ar.txt?p=2#p2`);
    expect(await direction(page.locator("#p2 p"))).toBe("rtl");
    expect(await direction(page.locator("#p1 p"))).toBe("rtl");
    await page.goto(`${base}/sources/en.txt?p=1#p1`);
    expect(await direction(page.locator("#p1 p"))).toBe("ltr");
    await page.close();
  });

  it("the widget shows an Arabic question, answer and quote right to left", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    const w = (id: string) => page.locator(`[data-cited-answers] >> [data-testid="${id}"]`);
    await w("ask-launcher").click();
    await w("ask-input").fill(QUESTION);
    expect(await direction(w("ask-input"))).toBe("rtl");
    await w("ask-submit").click();
    const answer = w("ask-answer").last();
    const citation = answer.locator('[data-testid="ask-citation"]').first();
    await citation.waitFor({ state: "visible" });
    expect(await answer.locator(".text").textContent()).toContain("HTTPS المنفذ 443");
    expect(await direction(answer.locator(".text"))).toBe("rtl");
    expect(await direction(page.locator("[data-cited-answers] >> .question").last())).toBe("rtl");
    await citation.click();
    const quote = answer.locator(".popover blockquote");
    await quote.waitFor({ state: "visible" });
    expect(await direction(quote)).toBe("rtl");
    await page.close();
  });
});
