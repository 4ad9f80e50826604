import type { AskService } from "../service.js";
import type { Answer } from "../types.js";
import { excerpt } from "../text/excerpt.js";
import { wordCount } from "../text/word-count.js";

/**
 * The longest context shown per source: about two sentences of a news paragraph, so a list of
 * three sources stays shorter than a phone screen (a judgement, not measured).
 */
export const MAX_CONTEXT_CHARS = 320;

/** What a context of fewer words than this adds is a fragment ("said on Tuesday"), not context. */
const MIN_CONTEXT_WORDS = 4;

/** One cited paragraph, listed once however many markers point at it. */
export interface AnswerSource {
  file: string;
  paragraph: number;
  /** The answer's markers that cite this paragraph, in order. */
  markers: number[];
  /**
   * The rest of the paragraph around what the answer already quotes ("…" where a quote was), so
   * the list adds to the answer rather than repeating it; empty when the quote is all there is.
   */
  context: string;
  kind?: "code";
  language?: string;
  /** A PDF's page and the paragraph's number on it. */
  page?: number;
  pageParagraph?: number;
}

/** The answer's sources for a reader: de-duplicated by paragraph, each with what it adds. */
export function answerSources(answer: Answer, service: AskService): AnswerSource[] {
  const sources = new Map<string, AnswerSource>();
  for (const c of answer.citations) {
    const id = `${c.file}\u0000${c.paragraph}`;
    const known = sources.get(id);
    if (known) {
      known.markers.push(c.n);
      continue;
    }
    sources.set(id, { file: c.file, paragraph: c.paragraph, markers: [c.n], context: "", ...(c.kind ? { kind: c.kind } : {}), ...(c.language ? { language: c.language } : {}), ...(c.page !== undefined ? { page: c.page, pageParagraph: c.pageParagraph } : {}) });
  }
  for (const source of sources.values()) {
    if (source.kind === "code") continue;
    const text = service.document(source.file)?.[source.paragraph - 1]?.text ?? "";
    const quotes = answer.citations.filter((c) => c.file === source.file && c.paragraph === source.paragraph).map((c) => c.quote);
    source.context = contextAround(text, quotes);
  }
  return [...sources.values()];
}

/** The paragraph without the quoted parts, "…" marking where they were, capped in length. */
export function contextAround(paragraph: string, quotes: string[]): string {
  let rest = paragraph;
  for (const quote of quotes) if (quote.trim()) rest = rest.split(quote.trim()).join("\u0000");
  rest = rest
    // The quote's own closing punctuation goes with it.
    .replace(/\u0000[.,;:!?]+/g, "\u0000")
    .replace(/\s+/g, " ")
    .replace(/\s*\u0000[\s\u0000]*/g, " … ")
    .trim();
  if (wordCount(rest) < MIN_CONTEXT_WORDS) return "";
  return excerpt(rest, MAX_CONTEXT_CHARS, " …");
}
