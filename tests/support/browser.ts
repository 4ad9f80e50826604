import { mkdir } from "node:fs/promises";
import { type Browser, chromium } from "playwright-core";
import { atFileEnd } from "./file-end.js";

/** Debian's Chromium, driven by playwright-core (never a downloaded browser). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = "test-artifacts";

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  atFileEnd(() => browser.close());
  await mkdir(ARTIFACTS, { recursive: true });
  return browser;
}

/** Polls a condition (what @playwright/test's expect would do; playwright-core has no expect). */
export async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Whether the element has focus, inside a shadow root or not. */
export const isFocused = (el: Element) => (el.getRootNode() as Document | ShadowRoot).activeElement === el;
