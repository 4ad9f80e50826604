import { MAX_QUESTION_CHARS } from "../../text/question-text.js";
import type { Turn } from "../../types.js";
import type { ChatMessage, ChatModel } from "./chat-model.js";

export const REWRITE_PROMPT = `You rewrite the user's last question so that it can be understood without the conversation before it.
Replace words like "it", "they", "that" and "there" with what they refer to, and complete questions like "and in 2026?".
Keep the question's own words where you can. If it already stands on its own, repeat it unchanged.
Reply with the question only, on one line.`;

/**
 * Earlier answers as context for the rewrite, cut to this many characters each: a follow-up
 * leans on what the previous answer was about, which its first sentences say.
 */
const ANSWER_CONTEXT_CHARS = 600;

export function rewritePrompt(question: string, history: readonly Turn[]): ChatMessage[] {
  const turns = history.map((t) => `User: ${t.question}\nAssistant: ${t.answer.slice(0, ANSWER_CONTEXT_CHARS)}`).join("\n\n");
  return [
    { role: "system", content: REWRITE_PROMPT },
    { role: "user", content: `Conversation:\n\n${turns}\n\nLast question: ${question}` },
  ];
}

/**
 * The model's standalone version of a follow-up, or undefined when its reply isn't one question
 * of a usable length (the caller then completes the question offline).
 */
export function rewrittenQuestion(reply: string): string | undefined {
  const line = reply.split(/\r?\n/).map((l) => l.trim()).find(Boolean);
  const question = line?.replace(/^(?:last question|question|rewritten question)\s*:\s*/i, "").replace(/^["“'](.*)["”']$/, "$1").trim();
  if (!question || question.length > MAX_QUESTION_CHARS) return undefined;
  return question;
}

export async function rewriteWithModel(model: ChatModel, question: string, history: readonly Turn[]) {
  const reply = await model.reply(rewritePrompt(question, history));
  return { question: rewrittenQuestion(reply.text), reply };
}
