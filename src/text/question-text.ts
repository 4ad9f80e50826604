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
