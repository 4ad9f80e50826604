import { sign } from "node:crypto";
import { applicationKeys } from "./support/discord-interaction.js";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ChatInputCommandInteraction, Client, Collection, type Interaction, Message, type MessageCreateOptions, type User } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import { RequestBudget } from "../src/request-budget.js";
import { escapeDocumentText } from "../src/discord/escape.js";
import { discordInteractions } from "../src/discord/interactions.js";
import { ANSWER_FAILED_TEXT, REFUSAL_TEXT, discordMessages, questionHeader, sourceLinksNotice } from "../src/discord/format.js";
import { createGatewayHandlers } from "../src/discord/gateway.js";
import { isSmallTalk } from "../src/discord/small-talk.js";
import { HISTORY_MESSAGES, HISTORY_TURNS, recentTurns, threadTurns } from "../src/discord/thread-history.js";
import { openService } from "../src/open-service.js";
import type { AskService } from "../src/service.js";
import type { Answer } from "../src/types.js";
import { apiMessage, startDiscordApi } from "./support/discord-api.js";
import { startServer } from "./support/http-server.js";
import { CANONICAL, seedConfig, seedService } from "./support/seed-index.js";
import { startServerProcess } from "./support/server-process.js";
import { SEED_INDEX } from "./support/seed-index.js";
import { tempDir } from "./support/temp.js";

const BOT = "999";
let service: AskService;
/** The same service, failing every answer (an index gone bad, a bug): what a deferred reply must survive. */
let failing: AskService;
let api: Awaited<ReturnType<typeof startDiscordApi>>;
let client: Client;

beforeAll(async () => {
  service = await seedService();
  failing = { ...service, answer: async () => Promise.reject(new Error("the index is unavailable")) };
  api = await startDiscordApi();
  // discord.js itself, its REST client pointed at the stand-in.
  client = new Client({ intents: [], rest: { api: api.base } });
  client.rest.setToken("bot-token-for-tests");
});
afterAll(() => client?.destroy());

/** Markdown that must show literally when it comes from a document. */
const MARKUP = "**bold** ||spoiler|| ~~struck~~ __under__ _slanted_ `tick`";

/** Every Markdown mark of MARKUP left unescaped (a mark not preceded by a backslash). */
const unescapedMarks = (text: string) => text.match(/(?<!\\)(\*\*|\|\||~~|__|`)/g) ?? [];

describe("document text in Discord is shown, not rendered", () => {
  const answer: Answer = {
    answer: `The launch is ${MARKUP} [1]. See [the docs](https://evil.example/login) or https://evil.example/x [2].\n\n\`\`\`py\ndef f(**kwargs):\n    return __name__\n\`\`\`\n[3]`,
    abstained: false,
    mode: "extractive",
    citations: [
      { n: 1, file: "notes/__init__.txt", paragraph: 2, line: 2, quote: `The launch is ${MARKUP}`, score: 0.9 },
      { n: 2, file: "a.txt", paragraph: 3, line: 3, quote: "See [the docs](https://evil.example/login) or https://evil.example/x", score: 0.8 },
      { n: 3, file: "a.md", paragraph: 4, line: 5, quote: "def f(**kwargs):\n    return __name__", score: 0.7, kind: "code", language: "py" },
    ],
  };

  it("escapes the answer's prose, its quotes and file names, and keeps code in its ``` block", () => {
    const [m, ...rest] = discordMessages(answer, { question: "What about **this**?" });
    expect(rest).toEqual([]);
    const [prose, code] = m!.content.split("```py\n");
    expect(unescapedMarks(prose!)).toEqual([]);
    expect(prose).toContain("\\*\\*bold\\*\\* \\|\\|spoiler\\|\\| \\~\\~struck\\~\\~ \\_\\_under\\_\\_ \\_slanted\\_ \\`tick\\` [1].");
    // A masked link and a bare URL stay plain text: no link, no hidden target.
    expect(prose).toContain("\\[the docs](https\\://evil.example/login) or https\\://evil.example/x [2].");
    expect(prose).not.toMatch(/https:\/\//);
    expect(code).toBe("def f(**kwargs):\n    return __name__\n```\n[3]");
    const sources = m!.embeds[0]!.description!;
    expect(unescapedMarks(sources)).toEqual([]);
    expect(sources).toContain("[1] notes/\\_\\_init\\_\\_.txt ¶2 — “The launch is \\*\\*bold\\*\\*");
    expect(sources).not.toMatch(/https:\/\//);
  });

  it("escapes a quote at the start of a line, headings, lists and subtext", () => {
    expect(escapeDocumentText("> quoted\n# Title\n- item\n1. first\n-# small")).toBe("\\> quoted\n\\# Title\n\\- item\n1\\. first\n\\-# small");
  });

  it("answers from a document full of Markdown without rendering it, end to end", async () => {
    const work = await tempDir("markup-corpus");
    await writeFile(
      join(work, "launch.txt"),
      `The launch window for the probe is ${MARKUP} and opens in March.\n\nThe probe carries a spectrometer built in Kyoto.\n`,
    );
    const indexDir = join(work, "index");
    await buildIndex({ corpusDir: work, indexDir, embedder: await loadWordVectorEmbedder(seedConfig()) });
    const own = await openService(seedConfig({ INDEX_DIR: indexDir }));
    const answer = await own.answer("When does the launch window for the probe open?");
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain("||spoiler||");
    const text = discordMessages(answer, { question: "When does the launch window open?" }).map((m) => `${m.content}\n${m.embeds.map((e) => e.description).join("\n")}`).join("\n");
    expect(text).toContain("\\|\\|spoiler\\|\\|");
    expect(unescapedMarks(text)).toEqual([]);
  }, 60_000);
});

describe("the reply restates the question", () => {
  it("opens the first message with the question, quoted and escaped, then the answer", async () => {
    const [first] = discordMessages(await service.answer(CANONICAL), { question: CANONICAL });
    expect(first!.content.startsWith(`> ${CANONICAL}\n`)).toBe(true);
    expect(first!.content).toMatch(/diving support vessel for Malaysia \[\d\]/);
    expect(questionHeader("why is **this** _so_?")).toBe("> why is \\*\\*this\\*\\* \\_so\\_?");
    expect(questionHeader(`${"long ".repeat(100)}question`).length).toBeLessThanOrEqual(2 + 200 + 1);
  });

  it("restates it on a refusal too, with the closest passages, linked", async () => {
    const refusal = await service.answer("How do I bake bread?");
    expect(refusal.abstained).toBe(true);
    const [m] = discordMessages(refusal, { question: "How do I bake bread?", publicUrl: "https://answers.example.org" });
    expect(m!.content).toBe(`> How do I bake bread?\n${REFUSAL_TEXT}`);
    expect(m!.embeds[0]!.title).toBe("Closest passages");
    const lines = m!.embeds[0]!.description!.split("\n");
    expect(lines).toHaveLength(refusal.related!.length);
    for (const [i, r] of refusal.related!.entries()) {
      expect(lines[i]).toContain(`(https://answers.example.org/sources/${r.file}?p=${r.paragraph}#p${r.paragraph})`);
      expect(lines[i]).toContain(escapeDocumentText(r.text.slice(0, 40)));
    }
  });
});

describe("inside the bot's thread", () => {
  it.each(["thanks", "Thanks!", "ok", "OK 👍", "👍", "great", "great, thank you so much!", "got it", "🙏🙏", "that helps, cheers"])("treats %j as small talk", (text) => {
    expect(isSmallTalk(text)).toBe(true);
  });

  it.each(["How much does it cost?", "and in Vietnam?", "ok, what about Vietnam", "thanks — who said that?", "Koizumi", "cost"])("treats %j as a question", (text) => {
    expect(isSmallTalk(text)).toBe(false);
  });

  /** A message in the bot's thread, as discord.js delivers it, recording replies; `starter` opens the thread. */
  function threadMessage(content: string, starter?: Message) {
    const sent: MessageCreateOptions[] = [];
    const channel = {
      isThread: () => true,
      ownerId: BOT,
      sendTyping: async () => {},
      send: async (o: MessageCreateOptions) => void sent.push(o),
      messages: { fetch: async () => new Collection<string, Message>() },
      fetchStarterMessage: async () => starter ?? null,
    };
    const msg = {
      id: "follow-up",
      content,
      author: { id: "user-1", bot: false } as User,
      mentions: { users: new Collection<string, User>() },
      channel,
      reply: async (o: MessageCreateOptions) => void sent.push(o),
    };
    return { msg: msg as unknown as Message, sent };
  }

  it("does not answer small talk, and answers a question", async () => {
    let asked = 0;
    const counting: AskService = { ...service, answer: (q, o) => (asked++, service.answer(q, o)) };
    const h = createGatewayHandlers({ service: () => counting, cooldown: new RequestBudget(50, 60), botUserId: () => BOT });
    for (const text of ["thanks", "👍", "ok"]) {
      const { msg, sent } = threadMessage(text);
      await h.onMessage(msg);
      expect(sent).toEqual([]);
    }
    expect(asked).toBe(0);
    const { msg, sent } = threadMessage("Which frigate class is behind Wellington's announcement?");
    await h.onMessage(msg);
    expect(asked).toBe(1);
    expect(sent[0]!.content).toMatch(/^> Which frigate class is behind Wellington's announcement\?\n.*Mogami/s);
  });

  it("answers a follow-up in the context of the thread's first answer", async () => {
    const passed: unknown[] = [];
    const recording: AskService = { ...service, answer: (q, o) => (passed.push(o?.history), service.answer(q, o)) };
    const h = createGatewayHandlers({ service: () => recording, cooldown: new RequestBudget(50, 60), botUserId: () => BOT });
    const firstAnswer = await service.answer(CANONICAL);
    const first = discordMessages(firstAnswer, { question: CANONICAL });
    const starter = new (Message as unknown as new (c: Client, d: unknown) => Message)(client, apiMessage("0", "thread-1", first[0]!.content, BOT));
    const inThread = threadMessage("How much does it cost?", starter);
    await h.onMessage(inThread.msg);
    expect(inThread.sent[0]!.content).toMatch(/3\.1 billion yen/);
    expect(inThread.sent[0]!.embeds![0]).toMatchObject({ description: expect.stringContaining("001\\_2f568d795fe33f1c.txt ¶10") });
    // The history the core got is the thread's first turn, read back from the bot's message.
    expect(passed).toEqual([[{ question: CANONICAL, answer: firstAnswer.answer }]]);
  });

  it("reads the thread's earlier turns back from the bot's own messages, for the follow-up's history", async () => {
    const first = discordMessages(await service.answer(CANONICAL), { question: CANONICAL });
    const second = discordMessages(await service.answer("Which frigate class is behind Wellington's announcement?"), {
      question: "Which frigate class is behind Wellington's announcement?",
    });
    const message = (id: string, content: string, author = BOT) => new (Message as unknown as new (c: Client, d: unknown) => Message)(client, apiMessage(id, "thread-1", content, author));
    const thread = [
      message("1", first[0]!.content),
      message("2", "Which frigate class is behind Wellington's announcement?", "user-1"),
      message("3", second[0]!.content),
      message("4", "This continues the answer before it [9]."),
      message("5", "thanks", "user-1"),
    ];
    expect(thread[0]).toBeInstanceOf(Message);
    const turns = threadTurns(thread, BOT);
    expect(turns).toHaveLength(2);
    expect(turns[0]!.question).toBe(CANONICAL);
    expect(turns[0]!.answer).toBe((await service.answer(CANONICAL)).answer);
    expect(turns[1]!.question).toBe("Which frigate class is behind Wellington's announcement?");
    expect(turns[1]!.answer).toMatch(/Mogami.*This continues the answer before it \[9\]\.$/s);
    // From a thread as discord.js gives it: the starter message (the first answer), then the rest newest first.
    const fetched: unknown[] = [];
    const channel = {
      isThread: () => true,
      messages: { fetch: async (options: unknown) => (fetched.push(options), new Collection([...thread.slice(1, 4)].reverse().map((m) => [m.id, m]))) },
      fetchStarterMessage: async () => thread[0],
    };
    const followUp = { id: "5", channel } as unknown as Message;
    expect(await recentTurns(followUp, BOT)).toEqual(threadTurns(thread, BOT));
    expect(fetched).toEqual([{ limit: HISTORY_MESSAGES, before: "5" }]);
    const many = Array.from({ length: 6 }, (_, i) => message(String(i), `> question ${i}\nanswer ${i}`));
    expect(threadTurns(many, BOT).map((t) => t.question)).toEqual(["question 3", "question 4", "question 5"].slice(-HISTORY_TURNS));
  });
});

let interactionCount = 0;
/** /ask as discord.js builds it from the gateway, replying through the stand-in API. */
function slashAsk(question: string, options: { thread?: boolean; ephemeral?: boolean } = {}) {
  const n = ++interactionCount;
  const Ctor = ChatInputCommandInteraction as unknown as new (c: Client, d: unknown) => ChatInputCommandInteraction;
  const booleans = Object.entries(options).map(([name, value]) => ({ name, type: 5, value }));
  const interaction = new Ctor(client, {
    type: 2,
    id: `interaction-${n}`,
    application_id: "app-1",
    token: `token-${n}`,
    version: 1,
    channel_id: "chan-1",
    channel: { id: "chan-1", type: 0 },
    guild_id: "guild-1",
    locale: "en-US",
    app_permissions: "0",
    entitlements: [],
    authorizing_integration_owners: {},
    attachment_size_limit: 8_388_608,
    member: { user: { id: `user-${n}`, username: "asker", discriminator: "0" }, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, permissions: "0" },
    data: { id: "cmd-1", name: "ask", type: 1, options: [{ name: "question", type: 3, value: question }, ...booleans] },
  });
  return { interaction: interaction as Interaction, token: `token-${n}` };
}

describe("/ask through the gateway (discord.js, its REST client on a stand-in API)", () => {
  const handlers = (answering: () => AskService, threadByDefault = false) =>
    createGatewayHandlers({ service: answering, cooldown: new RequestBudget(50, 60), botUserId: () => BOT, threadByDefault });

  it("edits the deferred reply with a short apology when answering fails", async () => {
    const { interaction, token } = slashAsk(CANONICAL);
    await handlers(() => failing).onInteraction(interaction);
    expect(api.calls.find((c) => c.path === `/api/v10/interactions/${interaction.id}/${token}/callback`)?.body).toMatchObject({ type: 5 });
    const edit = api.calls.find((c) => c.method === "PATCH" && c.path === `/api/v10/webhooks/app-1/${token}/messages/@original`);
    expect(edit?.body.content).toBe(ANSWER_FAILED_TEXT);
    expect(ANSWER_FAILED_TEXT.length).toBeLessThan(120);
  });

  it("opens a thread named after the question under the reply when thread is set", async () => {
    const { interaction, token } = slashAsk(CANONICAL, { thread: true });
    await handlers(() => service).onInteraction(interaction);
    const edit = api.calls.find((c) => c.method === "PATCH" && c.path === `/api/v10/webhooks/app-1/${token}/messages/@original`);
    expect(edit?.body.content).toMatch(/^> What does OSA fund in Malaysia\?\n/);
    const opened = api.calls.filter((c) => c.path === "/api/v10/channels/chan-1/messages/reply-1/threads");
    expect(opened.at(-1)).toMatchObject({ method: "POST", authorization: "Bot bot-token-for-tests", body: { name: CANONICAL } });
  });

  it("follows the server setting, which the option overrides, and never threads an ephemeral answer", async () => {
    const threads = () => api.calls.filter((c) => c.path.endsWith("/threads")).length;
    let before = threads();
    await handlers(() => service, true).onInteraction(slashAsk(CANONICAL).interaction);
    expect(threads()).toBe(before + 1);
    before = threads();
    await handlers(() => service, true).onInteraction(slashAsk(CANONICAL, { thread: false }).interaction);
    await handlers(() => service, true).onInteraction(slashAsk(CANONICAL, { ephemeral: true }).interaction);
    await handlers(() => service, false).onInteraction(slashAsk(CANONICAL).interaction);
    expect(threads()).toBe(before);
  });
});

describe("/ask over signed HTTP interactions", () => {
  const { privateKey, publicKeyHex } = applicationKeys();
  let n = 0;

  function signedAsk(question: string, booleans: Record<string, boolean> = {}) {
    const token = `http-token-${++n}`;
    const body = JSON.stringify({
      type: 2,
      id: `http-${n}`,
      application_id: "app-1",
      token,
      version: 1,
      channel_id: "chan-1",
      member: { user: { id: `http-user-${n}`, username: "asker" } },
      data: { id: "cmd", name: "ask", type: 1, options: [{ name: "question", type: 3, value: question }, ...Object.entries(booleans).map(([name, value]) => ({ name, type: 5, value }))] },
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString("hex");
    return { token, init: { method: "POST", headers: { "content-type": "application/json", "x-signature-ed25519": signature, "x-signature-timestamp": timestamp }, body } };
  }

  const app = (answering: AskService, deferAfterMs: number, extra: { botToken?: string; threadByDefault?: boolean } = {}) =>
    startServer(answering, { discord: { publicKey: publicKeyHex, apiBase: `${api.base}/v10`, deferAfterMs, cooldown: new RequestBudget(50, 60), interactions: discordInteractions, ...extra } });

  it("edits a deferred reply with the apology when answering fails", async () => {
    // Failing after the deferral, as a slow answer that ends in an error does.
    const failingLater: AskService = { ...service, answer: () => new Promise((_, reject) => setTimeout(() => reject(new Error("the index is unavailable")), 100)) };
    const base = await app(failingLater, 0);
    const { token, init } = signedAsk(CANONICAL);
    expect((await (await fetch(`${base}/discord/interactions`, init)).json()).type).toBe(5);
    const edit = await api.until((c) => c.method === "PATCH" && c.path === `/api/v10/webhooks/app-1/${token}/messages/@original`);
    expect(edit.body.content).toBe(ANSWER_FAILED_TEXT);
  });

  it("says so inline when answering fails before the deferral would", async () => {
    const base = await app(failing, 2000);
    const response = await (await fetch(`${base}/discord/interactions`, signedAsk(CANONICAL).init)).json();
    expect(response).toMatchObject({ type: 4, data: { content: ANSWER_FAILED_TEXT } });
  });

  it("restates the question inline", async () => {
    const base = await app(service, 10_000);
    const response = await (await fetch(`${base}/discord/interactions`, signedAsk(CANONICAL).init)).json();
    expect(response.type).toBe(4);
    expect(response.data.content).toMatch(/^> What does OSA fund in Malaysia\?\n.*diving support vessel/s);
  });

  it("opens a thread with the bot token when thread is set", async () => {
    const base = await app(service, 2000, { botToken: "http-bot-token" });
    const { token, init } = signedAsk(CANONICAL, { thread: true });
    expect((await (await fetch(`${base}/discord/interactions`, init)).json()).type).toBe(5);
    const edit = await api.until((c) => c.method === "PATCH" && c.path === `/api/v10/webhooks/app-1/${token}/messages/@original`);
    expect(edit.body.content).toMatch(/^> What does OSA fund in Malaysia\?\n/);
    const thread = await api.until((c) => c.path === "/api/v10/channels/chan-1/messages/reply-1/threads" && c.authorization === "Bot http-bot-token");
    expect(thread.body).toEqual({ name: CANONICAL });
  });

  it("answers in the channel by the server setting's default when no thread is asked for", async () => {
    const base = await app(service, 10_000, { botToken: "http-bot-token-2", threadByDefault: false });
    const response = await (await fetch(`${base}/discord/interactions`, signedAsk(CANONICAL).init)).json();
    expect(response.type).toBe(4);
    await new Promise((r) => setTimeout(r, 200));
    expect(api.calls.some((c) => c.authorization === "Bot http-bot-token-2")).toBe(false);
  });
});

describe("without PUBLIC_URL", () => {
  it("says at start that sources will not be links", async () => {
    expect(sourceLinksNotice("https://answers.example.org")).toBeUndefined();
    const server = await startServerProcess({ INDEX_DIR: SEED_INDEX, DISCORD_PUBLIC_KEY: "ab".repeat(32) });
    try {
      expect(server.output()).toContain("PUBLIC_URL is not set, so sources in Discord answers name their file and paragraph but are not links");
    } finally {
      // Ended here: an afterAll registered from inside a test does not run.
      server.child.kill("SIGKILL");
      await server.exited;
    }
  }, 120_000);
});
