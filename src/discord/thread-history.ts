import type { Message } from "discord.js";
import type { Turn } from "../types.js";
import { unescapeDocumentText } from "./escape.js";

/** What thread history reads from a message (discord.js's Message has all of it). */
export interface ThreadMessage {
  id: string;
  author: { id: string };
  content: string;
}

/**
 * The recent turns sent with a follow-up. A follow-up leans on the turn just before it ("and in
 * Vietnam?"); a few more cover a thread that wanders back one step, and keep the request small.
 */
export const HISTORY_TURNS = 3;

/** How many earlier thread messages are read to find them: each turn is a question, an answer and maybe its continuation. */
export const HISTORY_MESSAGES = 20;

/** An answer's first message starts with the restated question ("> …", see questionHeader). */
const HEADER = /^> (.*)\n?/;

/**
 * The thread's recent turns, oldest first, read from the bot's own messages: each answer opens
 * with the question it answers, and a message of the bot's without that line continues the
 * answer before it. Messages of others are the questions already restated, so they are skipped.
 */
export function threadTurns(messages: readonly ThreadMessage[], botUserId: string): Turn[] {
  const turns: Turn[] = [];
  for (const m of messages) {
    if (m.author.id !== botUserId) continue;
    const header = m.content.match(HEADER);
    const text = unescapeDocumentText(m.content.slice(header?.[0].length ?? 0)).trim();
    if (header) turns.push({ question: unescapeDocumentText(header[1]!).trim(), answer: text });
    else if (turns.length && text) turns.at(-1)!.answer += ` ${text}`;
  }
  return turns.slice(-HISTORY_TURNS);
}

/**
 * The turns before `message` in the bot's thread (its starter message — the first answer —
 * included), for the follow-up `message` asks: pass them to the answer core as `history`.
 */
export async function recentTurns(message: Message, botUserId: string): Promise<Turn[]> {
  const channel = message.channel;
  if (!channel.isThread()) return [];
  const earlier = await channel.messages.fetch({ limit: HISTORY_MESSAGES, before: message.id });
  const starter = await channel.fetchStarterMessage().catch(() => null);
  // fetch() gives newest first; the starter message lives in the parent channel.
  const ordered = [...(starter ? [starter] : []), ...[...earlier.values()].reverse()];
  return threadTurns(ordered, botUserId);
}
