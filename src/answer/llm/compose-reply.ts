import type { Answer, Citation } from "../../types.js";
import { citedSentence, pagePlace } from "../compose.js";
import type { VerifiedSentence } from "./verify-reply.js";

/** Numbers the verified citations in order of first use; the same quote of the same paragraph keeps its number. */
export class CitationNumbering {
  readonly citations: Citation[] = [];
  private readonly byKey = new Map<string, number>();

  /** The sentence with its markers renumbered to the citations that survived. */
  sentence(verified: VerifiedSentence): string {
    const numbers = verified.citations.map(({ source, quote }) => {
      const p = source.paragraph;
      const key = JSON.stringify([p.file, p.n, quote]);
      let n = this.byKey.get(key);
      if (n === undefined) {
        n = this.citations.length + 1;
        this.byKey.set(key, n);
        this.citations.push({ n, file: p.file, paragraph: p.n, line: p.line, ...pagePlace(p), quote, score: Math.round(source.score * 1000) / 1000 });
      }
      return n;
    });
    return citedSentence(verified.text, [...new Set(numbers)]);
  }
}

/** The sentences as they were streamed: one space between them, so deltas join to the answer. */
export const sentenceDelta = (sentence: string, index: number) => (index === 0 ? sentence : ` ${sentence}`);

export function llmAnswer(sentences: string[], numbering: CitationNumbering): Answer {
  return { answer: sentences.map(sentenceDelta).join(""), abstained: false, citations: numbering.citations, mode: "llm" };
}
