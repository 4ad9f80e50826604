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
import { ASK_COMMAND } from "./command.js";
import { type Cooldown, cooldownMessage } from "./cooldown.js";
import { type DiscordMessage, UNKNOWN_ANSWER_TEXT, feedbackRow, formatAnswer } from "./format.js";
import { AnyInteraction, CommandInteraction, ComponentInteraction } from "./interaction-shape.js";
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
  cooldown: Cooldown;
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

async function sendWebhook(apiBase: string, interaction: APIInteraction, messages: DiscordMessage[], flags: number, editOriginal: boolean) {
  const base = `${apiBase.replace(/\/$/, "")}/webhooks/${interaction.application_id}/${interaction.token}`;
  const post = (url: string, method: string, message: DiscordMessage) =>
    fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify({ ...message, flags }) }).then((r) => {
      if (!r.ok) throw new Error(`Discord webhook ${method} answered ${r.status}`);
    });
  const [first, ...rest] = messages;
  if (editOriginal && first) await post(`${base}/messages/@original`, "PATCH", first);
  for (const message of editOriginal ? rest : messages) await post(base, "POST", message);
}

/** POST /discord/interactions: Discord's HTTP interactions, verified, answered from the same core. */
export function discordInteractions(service: () => AskService, options: DiscordHttpOptions) {
  const app = new Hono();

  async function ask(interaction: APIChatInputApplicationCommandInteraction, later: Later) {
    const question = option<string>(interaction, "question")?.trim() ?? "";
    const flags = ephemeralFlags(option<boolean>(interaction, "ephemeral") ?? false);
    if (!question) return { type: InteractionResponseType.ChannelMessageWithSource, data: { content: "Ask me a question about the documents.", flags: MessageFlags.Ephemeral } };
    const wait = await options.cooldown.take(userOf(interaction));
    if (wait !== null) return { type: InteractionResponseType.ChannelMessageWithSource, data: { content: cooldownMessage(wait), flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } } };

    const feedbackId = options.feedback ? crypto.randomUUID() : undefined;
    const answering = service()
      .answer(question.slice(0, 2000))
      .then(async (answer) => {
        if (feedbackId) await options.feedback!.recordAnswer({ id: feedbackId, question, answer: answer.answer, citations: answer.citations });
        return formatAnswer(answer, { publicUrl: options.publicUrl, feedbackId });
      });
    const timer = new Promise<null>((r) => setTimeout(() => r(null), options.deferAfterMs));
    const ready = await Promise.race([answering, timer]);
    if (ready) {
      const [first, ...rest] = ready;
      if (rest.length) later(sendWebhook(options.apiBase, interaction, rest, flags, false));
      return { type: InteractionResponseType.ChannelMessageWithSource, data: { ...first, flags } };
    }
    later(answering.then((messages) => sendWebhook(options.apiBase, interaction, messages, flags, true)));
    return { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags } };
  }

  /** A 👍/👎 press: recorded once per user per answer, shown by highlighting the chosen button in place. */
  async function press(interaction: APIMessageComponentInteraction) {
    const [kind, vote, id] = interaction.data.custom_id.split(":");
    if (kind !== "feedback" || (vote !== "up" && vote !== "down") || !id) return null;
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
