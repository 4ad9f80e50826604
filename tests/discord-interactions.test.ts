import { type IncomingMessage, type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { beforeAll, describe, expect, it } from "vitest";
import { RequestBudget } from "../src/request-budget.js";
import { discordInteractions } from "../src/discord/interactions.js";
import { FileFeedbackStore } from "../src/feedback/store.js";
import { createApp } from "../src/http/app.js";
import { CANONICAL, CANONICAL_FILE, seedService } from "./support/seed-index.js";
import { type SigningOptions, applicationKeys, askInteraction, signedInteraction } from "./support/discord-interaction.js";
import { tempDir } from "./support/temp.js";
import { atFileEnd, closeServer } from "./support/file-end.js";

const { privateKey, publicKeyHex } = applicationKeys();
const ADMIN = "admin-token-for-tests-0123456789";

interface Received {
  method: string;
  url: string;
  body: Record<string, unknown>;
}
const received: Received[] = [];
let discordApi: string;

async function startApp(deferAfterMs: number, feedbackFile: string): Promise<string> {
  const service = await seedService();
  const app = createApp(() => service, {
    adminToken: ADMIN,
    feedback: new FileFeedbackStore(feedbackFile),
    discord: { publicKey: publicKeyHex, apiBase: discordApi, deferAfterMs, cooldown: new RequestBudget(50, 60), interactions: discordInteractions },
  });
  const server = await new Promise<ReturnType<typeof serve>>((r) => {
    const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => r(s));
  });
  atFileEnd(() => closeServer(server as Server));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let inline: string;
let deferred: string;
let feedbackFile: string;

beforeAll(async () => {
  // A loopback stand-in for Discord's API, recording the webhook calls it receives.
  const api = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      received.push({ method: req.method!, url: req.url!, body: JSON.parse(body || "{}") });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((r) => api.listen(0, "127.0.0.1", r));
  atFileEnd(() => closeServer(api));
  discordApi = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/v10`;
  feedbackFile = `${await tempDir("feedback")}/feedback.jsonl`;
  // Inline whenever the answer comes within 10 s: a generous bound, so a loaded machine still answers inline.
  inline = await startApp(10_000, feedbackFile);
  deferred = await startApp(0, feedbackFile);
});

const signed = (body: unknown, options?: SigningOptions) => signedInteraction(body, privateKey, options);

describe("POST /discord/interactions", () => {
  it("answers PING with PONG", async () => {
    const response = await fetch(`${inline}/discord/interactions`, signed({ type: 1 }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ type: 1 });
  });

  it.each([
    ["a wrong signature", { signature: "ab".repeat(64) }],
    ["a signature over another timestamp", { signWith: "1700000000" }],
    ["a stale timestamp", { timestamp: "1700000000", signWith: "1700000000" }],
    ["no signature header", { signature: null }],
  ])("refuses %s with 401 and does nothing else", async (_name, options) => {
    const before = received.length;
    const response = await fetch(`${inline}/discord/interactions`, signed(askInteraction(CANONICAL), options));
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("invalid_signature");
    expect(received.length).toBe(before);
  });

  it("answers /ask inline with the cited answer and its sources embed", async () => {
    const response = await (await fetch(`${inline}/discord/interactions`, signed(askInteraction(CANONICAL)))).json();
    expect(response.type).toBe(4);
    expect(response.data.content).toMatch(/diving support vessel for Malaysia \[\d\]/);
    expect(response.data.allowed_mentions).toEqual({ parse: [] });
    const description = response.data.embeds[0].description as string;
    // File names are escaped for Discord: 001\_2f568d795fe33f1c.txt shows as 001_2f568d795fe33f1c.txt.
    const shownFile = CANONICAL_FILE.replace("_", "\\_");
    expect(description).toMatch(new RegExp(`${shownFile.replace(/[.\\]/g, "\\$&")} ¶(10|26) — “[^”]*[Dd]iving [Ss]upport [Vv]essel`));
    expect(response.data.components[0].components).toHaveLength(2);
  });

  it("answers only the asker when ephemeral is set", async () => {
    const response = await (await fetch(`${inline}/discord/interactions`, signed(askInteraction(CANONICAL, true)))).json();
    expect(response.data.flags).toBe(64);
  });

  it("defers when the answer is not ready in time and delivers the same message as a follow-up", async () => {
    const inlineAnswer = await (await fetch(`${inline}/discord/interactions`, signed(askInteraction(CANONICAL)))).json();
    const response = await (await fetch(`${deferred}/discord/interactions`, signed(askInteraction(CANONICAL)))).json();
    expect(response.type).toBe(5);
    const deadline = Date.now() + 10_000;
    let followUp: Received | undefined;
    while (!followUp && Date.now() < deadline) {
      followUp = received.find((r) => r.method === "PATCH" && r.url === "/api/v10/webhooks/app123/tok456/messages/@original");
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(followUp).toBeDefined();
    expect(followUp!.body.content).toBe(inlineAnswer.data.content);
    expect(followUp!.body.embeds).toEqual(inlineAnswer.data.embeds);
  });

  it("records a 👍 press and reports it on /feedback/summary behind the admin token", async () => {
    const answer = await (await fetch(`${inline}/discord/interactions`, signed(askInteraction(CANONICAL)))).json();
    const customId = answer.data.components[0].components[0].custom_id as string;
    const press = { type: 3, id: "2", application_id: "app123", token: "t", version: 1, member: { user: { id: "user-2" } }, data: { custom_id: customId, component_type: 2 } };
    const ack = await (await fetch(`${inline}/discord/interactions`, signed(press))).json();
    // The message's own buttons change (👍 highlighted); no new message is posted.
    expect(ack.type).toBe(7);
    expect(ack.data.components[0].components.map((b: { style: number }) => b.style)).toEqual([1, 2]);
    expect((await fetch(`${inline}/feedback/summary`)).status).toBe(401);
    expect((await fetch(`${inline}/feedback/summary`, { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status).toBe(401);
    const summary = await (await fetch(`${inline}/feedback/summary`, { headers: { authorization: `Bearer ${ADMIN}` } })).json();
    expect(summary.up).toBeGreaterThanOrEqual(1);
    const records = await new FileFeedbackStore(feedbackFile).records();
    const vote = records.find((r) => r.kind === "vote" && r.id === customId.split(":")[2]);
    expect(vote).toMatchObject({ vote: "up", user: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect(JSON.stringify(records)).not.toContain("user-2");
    expect(records.find((r) => r.kind === "answer" && r.id === vote!.id)).toMatchObject({ question: CANONICAL, citations: expect.any(Array) });
  });

  it("counts one vote per user per answer (the last stands), and none on an answer never given", async () => {
    const file = `${await tempDir("votes")}/feedback.jsonl`;
    const app = await startApp(10_000, file);
    const answer = await (await fetch(`${app}/discord/interactions`, signed(askInteraction(CANONICAL)))).json();
    const id = (answer.data.components[0].components[0].custom_id as string).split(":")[2];
    const press = (vote: string, user: string, answerId = id) => ({
      type: 3, id: "3", application_id: "app123", token: "t", version: 1, member: { user: { id: user } }, data: { custom_id: `feedback:${vote}:${answerId}`, component_type: 2 },
    });
    for (let i = 0; i < 6; i++) expect((await fetch(`${app}/discord/interactions`, signed(press("up", "user-3")))).status).toBe(200);
    await fetch(`${app}/discord/interactions`, signed(press("down", "user-4")));
    await fetch(`${app}/discord/interactions`, signed(press("up", "user-4")));
    const unknown = await (await fetch(`${app}/discord/interactions`, signed(press("down", "user-3", "no-such-answer")))).json();
    expect(unknown).toMatchObject({ type: 4, data: { flags: 64 } });
    const summary = await (await fetch(`${app}/feedback/summary`, { headers: { authorization: `Bearer ${ADMIN}` } })).json();
    expect(summary).toEqual({ answers: 1, votes: 2, up: 2, down: 0 });
  });

  it.each([
    ["null", null],
    ["a command without data", { type: 2, id: "1", application_id: "a", token: "t" }],
    ["a component without data", { type: 3, id: "1", application_id: "a", token: "t" }],
    ["a question that is not a string", { ...askInteraction(CANONICAL), data: { id: "cmd", name: "ask", type: 1, options: [{ name: "question", type: 3, value: 42 }] } }],
    ["a button without custom_id", { type: 3, id: "1", application_id: "a", token: "t", data: { component_type: 2 } }],
    ["a type that is not a number", { type: "2" }],
    ["an array", [1, 2]],
  ])("refuses a signed but malformed interaction (%s) with 400", async (_name, body) => {
    const response = await fetch(`${inline}/discord/interactions`, signed(body));
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("invalid_request");
  });
});
