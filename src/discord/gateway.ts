import { type BaseMessageOptions, type ChatInputCommandInteraction, type Interaction, type Message, MessageFlags, Routes } from "discord.js";
import { type DiscordAnswering, answerMessages, feedbackButton } from "./answer-messages.js";
import { ASK_COMMAND } from "./command.js";
import { cooldownMessage } from "./cooldown.js";
import type { RequestBudget } from "../request-budget.js";
import { ANSWER_FAILED_TEXT, type DiscordMessage, UNKNOWN_ANSWER_TEXT, feedbackRow } from "./format.js";
import { isSmallTalk } from "./small-talk.js";
import { recentTurns } from "./thread-history.js";
import { threadName } from "./thread.js";

/**
 * The gateway bot's behaviour, separate from the connection so it can be tested with
 * discord.js's own types: /ask, @mentions (the question is the message without the mention),
 * and follow-up questions in a thread the bot opened. Bots, including itself, are ignored.
 */
export interface GatewayDeps extends DiscordAnswering {
  cooldown: RequestBudget;
  /** The bot's own user id, once logged in. */
  botUserId: () => string | undefined;
  /** /ask answers in a new thread unless its `thread` option says otherwise (DISCORD_ASK_IN_THREAD). */
  threadByDefault?: boolean;
}

/** Said of every corpus: an example question from the seeds would mislead a bot serving other documents. */
export const NO_QUESTION = "Ask me a question about the documents in the message that mentions me, or use /ask.";

/** discord.js takes camelCase allowedMentions; the payload is otherwise the API's. */
function toMessageOptions(message: DiscordMessage): BaseMessageOptions {
  const { allowed_mentions: _api, ...rest } = message;
  return { ...rest, allowedMentions: { parse: [] } };
}

const plainMessage = (content: string): BaseMessageOptions => ({ content, embeds: [], components: [], allowedMentions: { parse: [] } });

export function questionFromMention(content: string, botUserId: string): string {
  return content.replace(new RegExp(`<@!?${botUserId}>`, "g"), " ").replace(/\s+/g, " ").trim();
}

export function createGatewayHandlers(deps: GatewayDeps) {
  async function onMessage(message: Message): Promise<void> {
    const botId = deps.botUserId();
    if (!botId || message.author.bot) return;
    const channel = message.channel;
    const inOwnThread = channel.isThread() && channel.ownerId === botId;
    if (!message.mentions.users.has(botId) && !inOwnThread) return;
    const question = questionFromMention(message.content, botId);
    if (!question) {
      await message.reply(plainMessage(NO_QUESTION));
      return;
    }
    // "thanks", "ok 👍" under an answer close the exchange; answering them would be noise.
    if (inOwnThread && isSmallTalk(question)) return;
    const wait = await deps.cooldown.take(message.author.id);
    if (wait !== null) {
      await message.reply({ content: cooldownMessage(wait), allowedMentions: { parse: [] } });
      return;
    }
    if ("sendTyping" in channel) await channel.sendTyping().catch(() => {});
    let messages: DiscordMessage[];
    try {
      // Inside the bot's thread a follow-up ("How much does it cost?") leans on the turns before it.
      // A thread Discord won't let us read back is answered as a fresh question, not refused.
      const history = inOwnThread ? await recentTurns(message, botId).catch((err: unknown) => (console.warn("discord: reading the thread's earlier turns failed:", err), [])) : [];
      messages = await answerMessages(deps, question, history);
    } catch (err) {
      console.error("discord: answering a message failed:", err);
      await message.reply(plainMessage(ANSWER_FAILED_TEXT));
      return;
    }
    const [first, ...rest] = messages;
    const reply = await message.reply(toMessageOptions(first!));
    // Open a thread for follow-ups, unless we are in one already.
    const thread = channel.isThread() ? channel : await reply.startThread({ name: threadName(question) }).catch(() => null);
    const target = thread ?? channel;
    if ("send" in target) for (const m of rest) await target.send(toMessageOptions(m));
  }

  async function ask(interaction: ChatInputCommandInteraction): Promise<void> {
    const question = interaction.options.getString("question", true).trim();
    const ephemeral = interaction.options.getBoolean("ephemeral") ?? false;
    // Only others can follow a thread: an answer only the asker sees gets none.
    const inThread = !ephemeral && (interaction.options.getBoolean("thread") ?? deps.threadByDefault ?? false);
    const wait = await deps.cooldown.take(interaction.user.id);
    if (wait !== null) {
      await interaction.reply({ content: cooldownMessage(wait), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      return;
    }
    await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    let messages: DiscordMessage[];
    try {
      messages = await answerMessages(deps, question);
    } catch (err) {
      // Deferred means Discord shows "thinking…" until the reply is edited: say it failed instead.
      console.error("discord: answering /ask failed:", err);
      await interaction.editReply(plainMessage(ANSWER_FAILED_TEXT));
      return;
    }
    const [first, ...rest] = messages;
    const reply = await interaction.editReply(toMessageOptions(first!));
    if (inThread && interaction.channelId) {
      // Through the REST API directly: the reply's channel need not be in discord.js's cache.
      const thread = (await interaction.client.rest
        .post(Routes.threads(interaction.channelId, reply.id), { body: { name: threadName(question) } })
        .catch((err: unknown) => void console.error("discord: opening a thread for /ask failed:", err))) as { id: string } | undefined;
      if (thread) {
        for (const m of rest) await interaction.client.rest.post(Routes.channelMessages(thread.id), { body: m });
        return;
      }
    }
    for (const m of rest) await interaction.followUp({ ...toMessageOptions(m), ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) });
  }

  async function onInteraction(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand() && interaction.commandName === ASK_COMMAND.name) return ask(interaction);
    if (interaction.isButton() && interaction.customId.startsWith("feedback:")) {
      const button = feedbackButton(interaction.customId);
      if (!button) return;
      // Once per user per answer; the chosen button is highlighted in place rather than answered anew.
      if (await deps.feedback?.recordVote(button.id, button.vote, interaction.user.id)) await interaction.update({ components: [feedbackRow(button.id, button.vote)] });
      else await interaction.reply({ content: UNKNOWN_ANSWER_TEXT, flags: MessageFlags.Ephemeral });
    }
  }

  return { onMessage, onInteraction };
}
