import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { parseWidgetKeys } from "../src/http/widget-keys.js";
import { buildWidgetScript } from "../src/widget/build.js";
import { launchBrowser, until } from "./support/browser.js";
import { startServer } from "./support/http-server.js";
import { CANONICAL, seedService } from "./support/seed-index.js";
import { atFileEnd, closeServer } from "./support/file-end.js";

const API_KEY = "secret-api-key-0123456789";
const WIDGET_KEY = "wk_docs_public";

let browser: Browser;
let widget: string;
let api: string;
const hosts: string[] = [];

/** A host page on its own loopback origin embedding the widget, with the key when given. */
async function hostPage(): Promise<string> {
  const server = createServer((req, res) => {
    const key = new URL(req.url ?? "/", "http://x").searchParams.get("key");
    res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><title>Host</title><script src="${api}/widget.js" data-api="${api}"${key ? ` data-key="${key}"` : ""} async></script>`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  atFileEnd(() => closeServer(server));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  widget = await buildWidgetScript();
  hosts.push(await hostPage(), await hostPage());
  // A service that needs API keys; the widget key is valid on the first host page only.
  api = await startServer(await seedService(), { widgetScript: () => widget, apiKeys: [API_KEY], widgetKeys: [{ key: WIDGET_KEY, origins: [hosts[0]!] }], ratePerMinute: 1000, adminToken: "admin-token-0123456789" });
  browser = await launchBrowser();
});

const ask = (base: string, headers: Record<string, string>) =>
  fetch(`${base}/ask`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ question: CANONICAL }) });

describe("WIDGET_KEYS", () => {
  it("parses key=origin|origin entries and refuses malformed ones", () => {
    expect(parseWidgetKeys("wk_a=https://a.example|https://b.example/, wk_b=http://localhost:3000")).toEqual([
      { key: "wk_a", origins: ["https://a.example", "https://b.example"] },
      { key: "wk_b", origins: ["http://localhost:3000"] },
    ]);
    expect(parseWidgetKeys("")).toEqual([]);
    expect(() => parseWidgetKeys("wk_a")).toThrow(/key=origin/);
    expect(() => parseWidgetKeys("wk_a=docs.example.org")).toThrow(/not an origin/);
    expect(() => loadConfig({ WIDGET_KEYS: "wk_a=https://a.example/path" })).toThrow(/Invalid configuration: WIDGET_KEYS/);
    expect(loadConfig({ WIDGET_KEYS: "wk_a=https://a.example" }).widgetKeys).toEqual([{ key: "wk_a", origins: ["https://a.example"] }]);
  });

  it("answers a widget key from its own origin on a service that needs API keys", async () => {
    expect((await ask(api, {})).status).toBe(401);
    const answered = await ask(api, { authorization: `Bearer ${WIDGET_KEY}`, origin: hosts[0]! });
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { answer: string }).answer).toContain("diving support vessel");
    expect((await ask(api, { authorization: `Bearer ${API_KEY}` })).status).toBe(200);
  });

  it("refuses a widget key from another origin, or with no origin, saying which origins it is for", async () => {
    for (const headers of [{ origin: hosts[1]! }, {}] as Record<string, string>[]) {
      const refused = await ask(api, { authorization: `Bearer ${WIDGET_KEY}`, ...headers });
      expect(refused.status).toBe(403);
      const body = (await refused.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("forbidden");
      expect(body.error.message).toContain(hosts[0]);
    }
  });

  it("is good for the ask routes only", async () => {
    const asWidget = { authorization: `Bearer ${WIDGET_KEY}`, origin: hosts[0]! };
    expect((await fetch(`${api}/feedback/summary`, { headers: asWidget })).status).toBe(401);
    expect((await fetch(`${api}/admin/reindex`, { method: "POST", headers: asWidget })).status).toBe(401);
    const stream = await fetch(`${api}/ask/stream`, { method: "POST", headers: { "content-type": "application/json", ...asWidget }, body: JSON.stringify({ question: CANONICAL }) });
    expect(stream.status).toBe(200);
    expect(await stream.text()).toContain("event: done");
  });

  it("has a budget of its own, whoever asks", async () => {
    const strict = await startServer(await seedService(), { apiKeys: [API_KEY], widgetKeys: [{ key: WIDGET_KEY, origins: [hosts[0]!] }], ratePerMinute: 1000, widgetKeyRatePerMinute: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await ask(strict, { authorization: `Bearer ${WIDGET_KEY}`, origin: hosts[0]! })).status);
    expect(statuses).toEqual([200, 200, 429]);
    // The API key's budget is separate.
    expect((await ask(strict, { authorization: `Bearer ${API_KEY}` })).status).toBe(200);
  });

  it("makes its origins allowed for the widget (CORS and /widget/config)", async () => {
    const config = async (origin: string) => (await (await fetch(`${api}/widget/config`, { headers: { origin } })).json()) as { originAllowed: boolean };
    expect((await config(hosts[0]!)).originAllowed).toBe(true);
    expect((await config(hosts[1]!)).originAllowed).toBe(false);
  });
});

describe("the widget with a publishable key", () => {
  const answerOf = (page: Page) => page.locator('[data-cited-answers] >> [data-testid="ask-answer"]').last();

  async function askInWidget(page: Page): Promise<string> {
    await page.locator('[data-cited-answers] >> [data-testid="ask-launcher"]').click();
    await page.locator('[data-cited-answers] >> [data-testid="ask-input"]').fill(CANONICAL);
    await page.locator('[data-cited-answers] >> [data-testid="ask-submit"]').click();
    await until(async () => ["done", "error"].includes((await answerOf(page).getAttribute("data-state")) ?? ""), "the answer", 30_000);
    return (await answerOf(page).textContent()) ?? "";
  }

  it("answers on its own origin", async () => {
    const page = await browser.newPage();
    await page.goto(`${hosts[0]}/?key=${WIDGET_KEY}`);
    expect(await askInWidget(page)).toContain("diving support vessel");
    await page.close();
  });

  it("without the key, says the service needs one", async () => {
    const page = await browser.newPage();
    await page.goto(hosts[0]!);
    expect(await askInWidget(page)).toMatch(/needs an API key/);
    await page.close();
  });

  it("copied to another site, says that site is not allowed", async () => {
    const page = await browser.newPage();
    await page.goto(`${hosts[1]}/?key=${WIDGET_KEY}`);
    expect(await askInWidget(page)).toContain(`This site (${hosts[1]}) is not allowed`);
    await page.close();
  });
});
