import type { Turn } from "../types.js";

/**
 * A question as every surface hands it to the core: NFKC-normalised first, so a length limit
 * counts the characters that will actually be read (U+FDFA alone becomes 18), then trimmed.
 */
export const MAX_QUESTION_CHARS = 2000;

export function normalizeQuestion(question: string): string {
  return question.normalize("NFKC").trim();
}

/** For surfaces that cannot refuse (Discord, the CLI): the normalised question, cut to the limit. */
export function boundedQuestion(question: string): string {
  return normalizeQuestion(question).slice(0, MAX_QUESTION_CHARS);
}

/**
 * A conversation's earlier turns as the core reads them. Only the previous question, and through
 * it the chain of follow-ups before it, is ever used: 10 turns is far more than any chain in
 * datasets/seeds/follow-ups.json (each item is one turn deep) while bounding the work (one
 * part-of-speech pass per turn). Answers are only carried, never read, and are bounded so that
 * 10 turns of the longest question and answer (10 × (2,000 + 4,000) characters) fit the 64 KB
 * body limit; the longest answer over the seeds', fastify's and undici's question sets (about
 * 200 questions, code blocks included) is 1,575 characters, so an answer sent back whole fits.
 */
export const MAX_HISTORY_TURNS = 10;
export const MAX_HISTORY_ANSWER_CHARS = 4000;

/** For the core: the last turns, each normalised and cut to the limits. */
export function boundedHistory(history: readonly Turn[] | undefined): Turn[] {
  return (history ?? []).slice(-MAX_HISTORY_TURNS).map((turn) => ({
    question: boundedQuestion(turn.question),
    answer: turn.answer.normalize("NFKC").slice(0, MAX_HISTORY_ANSWER_CHARS),
  }));
}
