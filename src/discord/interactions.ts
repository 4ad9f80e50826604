import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import {
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIMessageComponentInteraction,
  ApplicationCommandOptionType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from "discord-api-types/v10";
import type { FeedbackStore } from "../feedback/store.js";
import type { z } from "zod";
import { namingTheField } from "../http/ask-request.js";
import { errorResponse } from "../http/errors.js";
import type { AskService } from "../service.js";
import { answerMessages, feedbackButton } from "./answer-messages.js";
import { ASK_COMMAND } from "./command.js";
import { cooldownMessage } from "./cooldown.js";
import type { RequestBudget } from "../request-budget.js";
import { ANSWER_FAILED_TEXT, type DiscordMessage, UNKNOWN_ANSWER_TEXT, feedbackRow } from "./format.js";
import { AnyInteraction, CommandInteraction, ComponentInteraction } from "./interaction-shape.js";
import { threadName } from "./thread.js";
import { verifyDiscordSignature } from "./verify-signature.js";

export interface DiscordHttpOptions {
  /** The application's public key (hex), from the Developer Portal. */
  publicKey?: string;
  /** Where follow-ups are sent; tests point it at loopback. */
  apiBase: string;
  /** Answer inline when ready within this long, else defer and follow up (Discord allows 3 s). */
  deferAfterMs: number;
  publicUrl?: string;
  feedback?: FeedbackStore;
  cooldown: RequestBudget;
  /** The bot token: needed only to open threads (an interaction's own token cannot). */
  botToken?: string;
  /** /ask answers in a new thread unless its `thread` option says otherwise (DISCORD_ASK_IN_THREAD). */
  threadByDefault?: boolean;
}

type Later = (work: Promise<unknown>) => void;

const ephemeralFlags = (ephemeral: boolean) => (ephemeral ? MessageFlags.Ephemeral : 0);

function userOf(interaction: APIInteraction): string {
  return interaction.member?.user.id ?? interaction.user?.id ?? "unknown";
}

function option<T extends string | boolean>(interaction: APIChatInputApplicationCommandInteraction, name: string): T | undefined {
  const found = interaction.data.options?.find((o) => o.name === name);
  return found && (found.type === ApplicationCommandOptionType.String || found.type === ApplicationCommandOptionType.Boolean)
    ? (found.value as T)
    : undefined;
}

/** One call to Discord's API; its JSON answer (a message, a thread) or an error naming the status. */
async function callDiscord(url: string, method: string, body?: unknown, botToken?: string): Promise<{ id?: string }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (botToken) headers.authorization = `Bot ${botToken}`;
  const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (!response.ok) throw new Error(`Discord ${method} ${new URL(url).pathname.replace(/\/webhooks\/(\d+)\/[^/]+/, "/webhooks/$1/…")} answered ${response.status}`);
  return ((await response.json().catch(() => ({}))) ?? {}) as { id?: string };
}

interface Delivery {
  messages: DiscordMessage[];
  flags: number;
  /** The first message replaces the deferred "thinking…" one; otherwise it was sent inline. */
  editOriginal: boolean;
  inThread: boolean;
  question: string;
}

/** Sends what the interaction response did not carry: the edit of a deferred reply, further messages, a thread. */
async function deliver(options: DiscordHttpOptions, interaction: APIInteraction, d: Delivery): Promise<void> {
  const api = options.apiBase.replace(/\/$/, "");
  const webhook = `${api}/webhooks/${interaction.application_id}/${interaction.token}`;
  const [first, ...rest] = d.messages;
  let original: { id?: string } | undefined;
  if (d.editOriginal && first) original = await callDiscord(`${webhook}/messages/@original`, "PATCH", { ...first, flags: d.flags });
  const channelId = interaction.channel_id ?? interaction.channel?.id;
  let threadId: string | undefined;
  if (d.inThread && channelId) {
    try {
      const messageId = original?.id ?? (await callDiscord(`${webhook}/messages/@original`, "GET")).id;
      threadId = (await callDiscord(`${api}/channels/${channelId}/messages/${messageId}/threads`, "POST", { name: threadName(d.question) }, options.botToken)).id;
    } catch (err) {
      console.error("discord: opening a thread for /ask failed; answering in the channel:", err);
    }
  }
  for (const message of rest) {
    if (threadId) await callDiscord(`${api}/channels/${threadId}/messages`, "POST", message, options.botToken);
    else await callDiscord(webhook, "POST", { ...message, flags: d.flags });
  }
}

/** POST /discord/interactions: Discord's HTTP interactions, verified, answered from the same core. */
export function discordInteractions(service: () => AskService, options: DiscordHttpOptions) {
  const app = new Hono();

  async function ask(interaction: APIChatInputApplicationCommandInteraction, later: Later) {
    const question = option<string>(interaction, "question")?.trim() ?? "";
    const ephemeral = option<boolean>(interaction, "ephemeral") ?? false;
    const flags = ephemeralFlags(ephemeral);
    // Only others can follow a thread: an answer only the asker sees gets none.
    const threadAsked = !ephemeral && (option<boolean>(interaction, "thread") ?? options.threadByDefault ?? false);
    if (threadAsked && !options.botToken) console.warn("discord: /ask wants a thread, but opening one needs DISCORD_TOKEN; answering in the channel");
    const inThread = threadAsked && Boolean(options.botToken);
    if (!question) return { type: InteractionResponseType.ChannelMessageWithSource, data: { content: "Ask me a question about the documents.", flags: MessageFlags.Ephemeral } };
    const wait = await options.cooldown.take(userOf(interaction));
    if (wait !== null) return { type: InteractionResponseType.ChannelMessageWithSource, data: { content: cooldownMessage(wait), flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } } };

    const answering: Promise<{ messages: DiscordMessage[]; failed: boolean }> = answerMessages({ ...options, service }, question)
      .then((messages) => ({ messages, failed: false }))
      // Whether inline or deferred, the asker hears that it failed rather than "thinking…" forever.
      .catch((err: unknown) => {
        console.error("discord: answering /ask failed:", err);
        return { messages: [{ content: ANSWER_FAILED_TEXT, embeds: [], components: [], allowed_mentions: { parse: [] as [] } }], failed: true };
      });
    // A thread is opened from the reply message, whose id only an edit of a deferred reply
    // returns: an inline reply does not exist yet when this handler could ask for it.
    // So with a thread the reply is always deferred, however fast the answer (racing a zero
    // timer lost to an answer already at hand).
    const timer = () => new Promise<null>((r) => setTimeout(() => r(null), options.deferAfterMs));
    const ready = inThread ? null : await Promise.race([answering, timer()]);
    const delivery = (r: { messages: DiscordMessage[]; failed: boolean }, editOriginal: boolean): Delivery => ({
      messages: r.messages,
      flags,
      editOriginal,
      inThread: inThread && !r.failed,
      question,
    });
    if (ready) {
      const [first, ...rest] = ready.messages;
      if (rest.length) later(deliver(options, interaction, delivery(ready, false)));
      return { type: InteractionResponseType.ChannelMessageWithSource, data: { ...first, flags } };
    }
    later(answering.then((r) => deliver(options, interaction, delivery(r, true))));
    return { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags } };
  }

  /** A 👍/👎 press: recorded once per user per answer, shown by highlighting the chosen button in place. */
  async function press(interaction: APIMessageComponentInteraction) {
    const button = feedbackButton(interaction.data.custom_id);
    if (!button) return null;
    const { vote, id } = button;
    const recorded = (await options.feedback?.recordVote(id, vote, userOf(interaction))) ?? false;
    if (!recorded) {
      return { type: InteractionResponseType.ChannelMessageWithSource, data: { content: UNKNOWN_ANSWER_TEXT, flags: MessageFlags.Ephemeral } };
    }
    return { type: InteractionResponseType.UpdateMessage, data: { components: [feedbackRow(id, vote)] } };
  }

  app.post("/", bodyLimit({ maxSize: 64 * 1024, onError: (c) => errorResponse(c, 413, "payload_too_large", "Interaction too large") }), async (c) => {
    const body = await c.req.text();
    const verified = await verifyDiscordSignature({
      publicKeyHex: options.publicKey,
      signatureHex: c.req.header("x-signature-ed25519"),
      timestamp: c.req.header("x-signature-timestamp"),
      body,
    });
    if (!verified) return errorResponse(c, 401, "invalid_signature", "Bad or missing Discord request signature");
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return errorResponse(c, 400, "invalid_json", "The interaction is not valid JSON");
    }
    const malformed = (error: z.ZodError) =>
      errorResponse(c, 400, "invalid_request", `The interaction is missing a field it needs or has one of the wrong type: ${namingTheField(error.issues[0]!)}`);
    const any = AnyInteraction.safeParse(json);
    if (!any.success) return malformed(any.error);
    if (any.data.type === InteractionType.Ping) return c.json({ type: InteractionResponseType.Pong });
    const shape = any.data.type === InteractionType.ApplicationCommand ? CommandInteraction : any.data.type === InteractionType.MessageComponent ? ComponentInteraction : null;
    const checked = shape?.safeParse(json);
    if (checked && !checked.success) return malformed(checked.error);
    const interaction = json as APIInteraction;
    if (interaction.type === InteractionType.ApplicationCommand && interaction.data.name === ASK_COMMAND.name) {
      // Work after the response: kept alive by waitUntil on Workers; Node simply lets it run.
      const later: Later = (work) => {
        const logged = work.catch((err) => console.error("discord follow-up failed:", err));
        try {
          c.executionCtx.waitUntil(logged);
        } catch {
          // no execution context outside Workers
        }
      };
      return c.json(await ask(interaction as APIChatInputApplicationCommandInteraction, later));
    }
    if (interaction.type === InteractionType.MessageComponent) {
      const response = await press(interaction);
      if (response) return c.json(response);
    }
    return errorResponse(c, 400, "invalid_request", "Unsupported interaction");
  });

  return app;
}
