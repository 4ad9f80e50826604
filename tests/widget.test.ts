import type { Browser, Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { buildWidgetScript } from "../src/widget/build.js";
import { ARTIFACTS, isFocused, launchBrowser, until } from "./support/browser.js";
import { startServer } from "./support/http-server.js";
import { CANONICAL, CANONICAL_FILE, seedService } from "./support/seed-index.js";

let browser: Browser;
let base: string;

beforeAll(async () => {
  const widget = await buildWidgetScript();
  base = await startServer(await seedService(), { widgetScript: () => widget, ratePerMinute: 1000 });
  browser = await launchBrowser();
});

const text = async (l: Locator) => (await l.textContent()) ?? "";
const containsText = (l: Locator, t: string) => until(async () => (await text(l)).includes(t), `text "${t}"`);
const hasCount = (l: Locator, n: number) => until(async () => (await l.count()) === n, `${n} elements`);
const focused = (l: Locator) => until(() => l.evaluate(isFocused), "focus");

const inWidget = (page: Page, testId: string) => page.locator(`[data-cited-answers] >> [data-testid="${testId}"]`);

async function askCanonical(page: Page) {
  await inWidget(page, "ask-launcher").click();
  await inWidget(page, "ask-input").fill(CANONICAL);
  await inWidget(page, "ask-submit").click();
  const answer = inWidget(page, "ask-answer").last();
  await answer.locator('[data-testid="ask-citation"]').first().waitFor({ state: "visible" });
  return answer;
}

/** The cited paragraph on the source page: highlighted and inside the viewport. */
async function expectHighlightedInView(page: Page, paragraph: number) {
  const cited = page.locator(`#p${paragraph}`);
  expect(await cited.getAttribute("class")).toMatch(/cited/);
  const box = await cited.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + Math.min(box!.height, 40)).toBeLessThanOrEqual(viewport.height);
}

describe("chat widget on the landing page", () => {
  it("streams a cited answer; a citation shows its quote and opens the source, highlighted and in view", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    const answer = await askCanonical(page);
    await containsText(answer, "diving support vessel");
    // The citation of the canonical paragraph, wherever the answer puts it.
    const citation = answer.locator(`[data-testid="ask-citation"][aria-label$="${CANONICAL_FILE} paragraph 10"]`).first();
    await citation.click();
    const popover = answer.locator(".popover");
    await containsText(popover, `${CANONICAL_FILE} ¶10`);
    await containsText(popover, "A 3.1 billion yen diving support vessel for Malaysia");
    await page.screenshot({ path: `${ARTIFACTS}/widget-desktop.png` });
    const [source] = await Promise.all([context.waitForEvent("page"), popover.getByTestId("ask-source-link").click()]);
    await source.waitForLoadState();
    expect(source.url()).toBe(`${base}/sources/${CANONICAL_FILE}?p=10#p10`);
    await expectHighlightedInView(source, 10);
    await context.close();
  });

  it("works with the keyboard alone", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await inWidget(page, "ask-launcher").focus();
    await page.keyboard.press("Enter");
    await focused(inWidget(page, "ask-input"));
    await page.keyboard.type(CANONICAL);
    await page.keyboard.press("Enter");
    const citation = page.locator(`[data-cited-answers] >> [data-testid="ask-citation"][aria-label$="${CANONICAL_FILE} paragraph 10"]`).first();
    await citation.waitFor({ state: "visible" });
    await citation.focus();
    await page.keyboard.press("Enter");
    const link = page.locator('[data-cited-answers] >> [data-testid="ask-source-link"]');
    await focused(link);
    const [source] = await Promise.all([context.waitForEvent("page"), page.keyboard.press("Enter")]);
    await source.waitForLoadState();
    await expectHighlightedInView(source, 10);
    await page.keyboard.press("Escape"); // closes the popover
    await hasCount(page.locator("[data-cited-answers] >> .popover"), 0);
    await page.keyboard.press("Escape"); // closes the panel, focus back on the launcher
    await focused(inWidget(page, "ask-launcher"));
    await context.close();
  });

  it("fits a phone-sized viewport", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    const answer = await askCanonical(page);
    const box = (await answer.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    const panel = (await page.locator("[data-cited-answers] >> .panel").boundingBox())!;
    expect(panel.width).toBeLessThanOrEqual(390);
    await answer.locator('[data-testid="ask-citation"]').first().tap();
    await answer.locator(".popover").waitFor({ state: "visible" });
    await page.screenshot({ path: `${ARTIFACTS}/widget-phone.png` });
    await context.close();
  });

  it("keeps the conversation for the tab's session and starts over on New chat", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await askCanonical(page);
    await page.reload();
    await inWidget(page, "ask-launcher").click();
    await hasCount(inWidget(page, "ask-answer"), 1);
    await containsText(inWidget(page, "ask-answer"), "diving support vessel");
    await inWidget(page, "ask-new").click();
    await hasCount(inWidget(page, "ask-answer"), 0);
    await context.close();
  });

  it("tells a visitor over the rate limit when to try again", async () => {
    const widget = await buildWidgetScript();
    const strict = await startServer(await seedService(), { widgetScript: () => widget, ratePerMinute: 1 });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${strict}/`);
    await askCanonical(page);
    await inWidget(page, "ask-input").fill(CANONICAL);
    await inWidget(page, "ask-submit").click();
    await containsText(inWidget(page, "ask-answer").last(), "try again in");
    expect(await text(inWidget(page, "ask-answer").last())).toMatch(/Too many questions .* try again in \d+ seconds?/);
    await context.close();
  });

  it("shows a refusal without sources", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await inWidget(page, "ask-launcher").click();
    await inWidget(page, "ask-input").fill("What is the recipe for miso soup?");
    await inWidget(page, "ask-submit").click();
    const answer = inWidget(page, "ask-answer").last();
    await containsText(answer, "documents don't say");
    await hasCount(answer.locator('[data-testid="ask-citation"]'), 0);
    await hasCount(answer.locator(".sources"), 0);
    await context.close();
  });
});
