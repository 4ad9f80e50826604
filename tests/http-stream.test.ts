import { beforeAll, describe, expect, it } from "vitest";
import { buildWidgetScript } from "../src/widget/build.js";
import { startServer } from "./support/http-server.js";
import { CANONICAL, CANONICAL_FILE, seedService } from "./support/seed-index.js";

let base: string;
let limited: string;
let voting: string;

beforeAll(async () => {
  const widget = await buildWidgetScript();
  base = await startServer(await seedService(), { widgetScript: () => widget, ratePerMinute: 1000 });
  limited = await startServer(await seedService(), { ratePerMinute: 3 });
  voting = await startServer(await seedService(), { ratePerMinute: 2 });
});

function parseSse(text: string): { event: string; data: unknown }[] {
  return text
    .split("\n\n")
    .filter((b) => b.trim())
    .map((block) => ({
      event: block.match(/^event: (.*)$/m)![1]!,
      data: JSON.parse(block.match(/^data: (.*)$/m)![1]!),
    }));
}

const post = (url: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(url, { method: "POST", headers, body: JSON.stringify(body) });

describe("POST /ask/stream", () => {
  it("streams the same answer as POST /ask: text deltas, then citations, then done", async () => {
    const response = await post(`${base}/ask/stream`, { question: CANONICAL });
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = parseSse(await response.text());
    const names = events.map((e) => e.event);
    expect(names.at(-2)).toBe("citations");
    expect(names.at(-1)).toBe("done");
    expect(names.slice(0, -2).every((n) => n === "answer")).toBe(true);
    const text = events.filter((e) => e.event === "answer").map((e) => (e.data as { delta: string }).delta).join("");
    const whole = await (await post(`${base}/ask`, { question: CANONICAL })).json();
    expect(text).toBe(whole.answer);
    expect((events.at(-2)!.data as { citations: unknown }).citations).toEqual(whole.citations);
    expect(events.at(-1)!.data).toEqual(whole);
  });

  it("refuses bad input with the same JSON error shape, before any stream", async () => {
    const response = await post(`${base}/ask/stream`, { question: "" });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect((await response.json()).error.code).toBe("invalid_request");
    expect((await post(`${base}/ask/stream`, { question: "x" }, { "content-type": "text/plain" })).status).toBe(415);
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After once a client's budget is spent, on /ask and /ask/stream alike", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(`${limited}/ask`, { question: "Who is Koizumi?" })).status);
    const refused = await post(`${limited}/ask/stream`, { question: "Who is Koizumi?" });
    expect(statuses).toEqual([200, 200, 200]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Too many questions; try again in \d+ seconds?\.$/) });
  });

  it("counts votes apart from questions: votes never spend the question budget, and have one of their own", async () => {
    const vote = () => post(`${voting}/feedback`, { id: "no-such-answer", vote: "up" });
    // Twice the question budget (VOTES_PER_QUESTION): 4 here; failing votes count as well.
    const votes: number[] = [];
    for (let i = 0; i < 4; i++) votes.push((await vote()).status);
    const asks: number[] = [];
    for (let i = 0; i < 2; i++) asks.push((await post(`${voting}/ask`, { question: "Who is Koizumi?" })).status);
    expect(votes).toEqual([404, 404, 404, 404]);
    expect(asks).toEqual([200, 200]);
    const refused = await vote();
    expect(refused.status).toBe(429);
    expect((await refused.json()).error).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Too many votes; try again in \d+ seconds?\.$/) });
  });

  it("names source pages, not questions, when a reader's page budget is spent", async () => {
    // Five pages per question of the budget (SOURCE_PAGES_PER_QUESTION): 15 here.
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await fetch(`${limited}/sources/${CANONICAL_FILE}`)).status);
    const refused = await fetch(`${limited}/sources/${CANONICAL_FILE}`);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(refused.status).toBe(429);
    expect((await refused.json()).error).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Too many source pages; try again in \d+ seconds?\.$/) });
  });
});

describe("GET / and /widget.js", () => {
  it("serves the landing page with the corpus and the widget", async () => {
    const page = await (await fetch(`${base}/`)).text();
    expect(page).toContain("001_2f568d795fe33f1c.txt");
    expect(page).toContain('<script src="/widget.js"');
  });

  it("gives an embed snippet that works pasted: this service's own address, not a placeholder", async () => {
    const page = await (await fetch(`${base}/`)).text();
    const snippet = /<pre data-testid="embed-snippet">([^<]*)<\/pre>/.exec(page)?.[1] ?? "";
    expect(snippet).toContain(`&lt;script src="${base}/widget.js" data-api="${base}"`);
  });

  it("serves the widget script", async () => {
    const response = await fetch(`${base}/widget.js`);
    expect(response.headers.get("content-type")).toMatch(/javascript/);
    expect(await response.text()).toContain("attachShadow");
  });
});
