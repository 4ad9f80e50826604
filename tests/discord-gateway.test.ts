import { Collection, type Interaction, type Message, type MessageCreateOptions, MessageFlags, type User } from "discord.js";
import { beforeAll, describe, expect, it } from "vitest";
import { RequestBudget } from "../src/request-budget.js";
import { NO_QUESTION, createGatewayHandlers, questionFromMention } from "../src/discord/gateway.js";
import { FileFeedbackStore } from "../src/feedback/store.js";
import type { AskService } from "../src/service.js";
import { CANONICAL, seedService } from "./support/seed-index.js";
import { tempDir } from "./support/temp.js";

const BOT = "999";
let service: AskService;
beforeAll(async () => {
  service = await seedService();
});

interface Sent {
  where: string;
  options: MessageCreateOptions;
}

/** A guild message shaped as discord.js delivers it, recording what the bot sends back. */
function message(content: string, options: { author?: string; bot?: boolean; mentions?: string[]; thread?: { ownerId: string } } = {}) {
  const sent: Sent[] = [];
  const threads: string[] = [];
  const channel = {
    isThread: () => Boolean(options.thread),
    ownerId: options.thread?.ownerId,
    sendTyping: async () => {},
    send: async (o: MessageCreateOptions) => void sent.push({ where: options.thread ? "thread" : "channel", options: o }),
    // A thread with no earlier messages (tests/discord-conversation.test.ts asks with history).
    messages: { fetch: async () => new Collection<string, Message>() },
    fetchStarterMessage: async () => null,
  };
  const msg = {
    content,
    author: { id: options.author ?? "user-1", bot: options.bot ?? false } as User,
    mentions: { users: new Collection<string, User>((options.mentions ?? []).map((id) => [id, { id } as User])) },
    channel,
    reply: async (o: MessageCreateOptions) => {
      sent.push({ where: "reply", options: o });
      return {
        startThread: async ({ name }: { name: string }) => {
          threads.push(name);
          return { send: async (x: MessageCreateOptions) => void sent.push({ where: "new-thread", options: x }) };
        },
      };
    },
  };
  return { msg: msg as unknown as Message, sent, threads };
}

async function handlers(questions = 5, feedbackFile?: string) {
  return createGatewayHandlers({
    service: () => service,
    cooldown: new RequestBudget(questions, 60),
    feedback: feedbackFile ? new FileFeedbackStore(feedbackFile) : undefined,
    botUserId: () => BOT,
  });
}

describe("gateway bot", () => {
  it("reads the question without the mention", () => {
    expect(questionFromMention(`<@${BOT}> what does OSA fund in Malaysia?`, BOT)).toBe("what does OSA fund in Malaysia?");
    expect(questionFromMention(`Hey <@!${BOT}>, who is Koizumi?`, BOT)).toBe("Hey , who is Koizumi?");
  });

  it("answers an @mention with the cited answer, no pings, and opens a thread for follow-ups", async () => {
    const h = await handlers();
    const { msg, sent, threads } = message(`<@${BOT}> ${CANONICAL}`, { mentions: [BOT] });
    await h.onMessage(msg);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.where).toBe("reply");
    expect(sent[0]!.options.content).toMatch(/diving support vessel for Malaysia \[\d\]/);
    expect(sent[0]!.options.allowedMentions).toEqual({ parse: [] });
    // Escaped for Discord (an underscore would start italics): shown as 001_2f568d795fe33f1c.txt.
    expect(JSON.stringify(sent[0]!.options.embeds)).toContain("001\\\\_2f568d795fe33f1c.txt ¶10");
    expect(threads).toEqual([CANONICAL]);
  });

  it("answers follow-ups in its own thread without a mention, and ignores other threads", async () => {
    const h = await handlers();
    const own = message("Which frigate class is behind Wellington's announcement?", { thread: { ownerId: BOT } });
    await h.onMessage(own.msg);
    expect(own.sent[0]!.options.content).toMatch(/Mogami/);
    expect(own.threads).toEqual([]); // already in a thread
    const other = message("Which frigate class?", { thread: { ownerId: "someone-else" } });
    await h.onMessage(other.msg);
    expect(other.sent).toEqual([]);
  });

  it("ignores bots, itself included, and messages that do not mention it", async () => {
    const h = await handlers();
    for (const m of [message(`<@${BOT}> hi`, { bot: true, mentions: [BOT] }), message(`<@${BOT}> hi`, { author: BOT, bot: true, mentions: [BOT] }), message("What does OSA fund?")]) {
      await h.onMessage(m.msg);
      expect(m.sent).toEqual([]);
    }
  });

  it("asks for a question when the mention is all there is", async () => {
    const h = await handlers();
    const { msg, sent } = message(`<@${BOT}>`, { mentions: [BOT] });
    await h.onMessage(msg);
    expect(sent[0]!.options.content).toBe(NO_QUESTION);
  });

  it("cools a user down after their question budget, saying when to retry", async () => {
    const h = await handlers(2);
    const replies: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { msg, sent } = message(`<@${BOT}> Who did Koizumi meet?`, { author: "eager", mentions: [BOT] });
      await h.onMessage(msg);
      replies.push(String(sent[0]!.options.content));
    }
    expect(replies[2]).toMatch(/please wait \d+ seconds?/);
    expect(replies[0]).not.toMatch(/please wait/);
  });

  it("answers /ask through deferReply and editReply, and records a 👍 press", async () => {
    const feedbackFile = `${await tempDir("gateway-feedback")}/f.jsonl`;
    const h = await handlers(5, feedbackFile);
    const calls: [string, unknown][] = [];
    const command = {
      isChatInputCommand: () => true,
      isButton: () => false,
      commandName: "ask",
      user: { id: "user-9" },
      options: { getString: () => CANONICAL, getBoolean: () => true },
      deferReply: async (o: unknown) => void calls.push(["deferReply", o]),
      editReply: async (o: unknown) => void calls.push(["editReply", o]),
      followUp: async (o: unknown) => void calls.push(["followUp", o]),
      reply: async (o: unknown) => void calls.push(["reply", o]),
    };
    await h.onInteraction(command as unknown as Interaction);
    expect(calls[0]).toEqual(["deferReply", { flags: MessageFlags.Ephemeral }]);
    const edited = calls[1]![1] as MessageCreateOptions;
    expect(edited.content).toMatch(/diving support vessel/);
    const buttons = JSON.parse(JSON.stringify(edited.components))[0].components;
    const press = {
      isChatInputCommand: () => false,
      isButton: () => true,
      customId: buttons[0].custom_id,
      user: { id: "user-9" },
      reply: async (o: unknown) => void calls.push(["reply", o]),
      update: async (o: unknown) => void calls.push(["update", o]),
    };
    await h.onInteraction(press as unknown as Interaction);
    await h.onInteraction(press as unknown as Interaction);
    // The vote shows on the message's own buttons (👍 highlighted), not as a new reply.
    expect(calls.at(-1)![0]).toBe("update");
    const row = JSON.parse(JSON.stringify((calls.at(-1)![1] as MessageCreateOptions).components))[0].components;
    expect(row.map((b: { style: number }) => b.style)).toEqual([1, 2]);
    expect(await new FileFeedbackStore(feedbackFile).summary()).toEqual({ answers: 1, votes: 1, up: 1, down: 0 });
    await h.onInteraction({ ...press, customId: "feedback:up:no-such-answer" } as unknown as Interaction);
    expect(calls.at(-1)).toEqual(["reply", expect.objectContaining({ flags: MessageFlags.Ephemeral })]);
    expect(await new FileFeedbackStore(feedbackFile).summary()).toEqual({ answers: 1, votes: 1, up: 1, down: 0 });
  });
});
