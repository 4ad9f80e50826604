import type { Paragraph } from "../../types.js";
import type { QuotedSource, ReplyLine } from "./reply-format.js";
import { sourceTextOfQuote } from "./quote-match.js";

/** A numbered source of the prompt: a retrieved paragraph and the answer model's best probability for its units. */
export interface PromptSource {
  paragraph: Paragraph;
  score: number;
}

export interface VerifiedCitation {
  source: PromptSource;
  /** The exact text of the paragraph the model's quote copies. */
  quote: string;
}

export interface VerifiedSentence {
  text: string;
  citations: VerifiedCitation[];
}

/** The quote as the source's own text, if the cited source exists and holds it. */
function verifiedCitation(cited: QuotedSource, sources: readonly PromptSource[]): VerifiedCitation | undefined {
  const source = sources[cited.source - 1];
  if (!source || cited.source < 1) return undefined; // a marker to a source the prompt never had
  const quote = sourceTextOfQuote(cited.quote, source.paragraph.text);
  return quote === undefined ? undefined : { source, quote };
}

/**
 * A reply line's sentence with the citations that verify, or undefined when none does (the
 * sentence is then dropped: nothing we show goes without a checked quote).
 */
export function verifySentence(line: ReplyLine, sources: readonly PromptSource[]): VerifiedSentence | undefined {
  if (line.kind !== "sentence") return undefined;
  const citations = line.citations.map((c) => verifiedCitation(c, sources)).filter((c): c is VerifiedCitation => c !== undefined);
  return citations.length ? { text: line.text, citations } : undefined;
}

/**
 * When a reply is trusted: at least one sentence verified and at least half of its lines did.
 * Half is a majority rule rather than a fitted value: a reply whose lines mostly fail the check
 * was not following the sources, and what survives of it would be fragments of an answer the
 * model did not stand behind — the extractive answer is then the better one.
 */
export const MIN_VERIFIED_SHARE = 0.5;

export function enoughVerified(verified: number, lines: number): boolean {
  return verified > 0 && verified >= MIN_VERIFIED_SHARE * lines;
}
