import { type FeedbackStore, votableAnswerId } from "../feedback/store.js";
import type { AskService } from "../service.js";
import type { Turn } from "../types.js";
import { type DiscordMessage, discordMessages } from "./format.js";

/** What answering on Discord needs, whichever way the question came (gateway or HTTP interactions). */
export interface DiscordAnswering {
  service: () => AskService;
  feedback?: FeedbackStore;
  publicUrl?: string;
}

/**
 * A question's answer as the Discord messages that carry it: answered by the core, recorded so
 * its 👍/👎 buttons count (a best effort: a failed write leaves the answer without them), and
 * formatted. Both bots send exactly this; only how they send it differs.
 */
export async function answerMessages(
  answering: DiscordAnswering,
  question: string,
  history: readonly Turn[] = [],
): Promise<DiscordMessage[]> {
  // The service bounds the question it reads (serviceFor); the asker's own words are what is shown.
  const answer = await answering.service().answer(question, { history });
  const feedbackId = await votableAnswerId(answering.feedback, { question, answer: answer.answer, citations: answer.citations });
  return discordMessages(answer, { publicUrl: answering.publicUrl, feedbackId, question });
}

/** A 👍/👎 button's vote and answer id (custom id `feedback:<up|down>:<id>`), or null for any other button. */
export function feedbackButton(customId: string): { vote: "up" | "down"; id: string } | null {
  const [kind, vote, id] = customId.split(":");
  if (kind !== "feedback" || (vote !== "up" && vote !== "down") || !id) return null;
  return { vote, id };
}
