import type { Answer, Citation } from "../../types.js";
import { MARKER_LIKE, citedCode, citedSentence, pagePlace } from "../compose.js";
import type { VerifiedSentence } from "./verify-reply.js";

/** Numbers the verified citations in order of first use; the same quote of the same paragraph keeps its number. */
export class CitationNumbering {
  readonly citations: Citation[] = [];
  private readonly byKey = new Map<string, number>();

  /**
   * The sentence with its markers renumbered to the citations that survived. A code block it
   * quotes from is cited whole, as an extractive answer cites it (a piece of code would not run),
   * and shown fenced after the sentence the first time it is cited.
   */
  sentence(verified: VerifiedSentence): string {
    const blocks: string[] = [];
    const numbers = verified.citations.map(({ source, quote }) => {
      const p = source.paragraph;
      // Code holding "[3]" would read as carrying markers: cited by its quote, as prose (see MARKER_LIKE).
      const code = p.kind === "code" && !MARKER_LIKE.test(p.text);
      const cited = code ? p.text : quote;
      const key = JSON.stringify([p.file, p.n, cited]);
      let n = this.byKey.get(key);
      if (n === undefined) {
        n = this.citations.length + 1;
        this.byKey.set(key, n);
        const kind = code ? { kind: "code" as const, ...(p.language ? { language: p.language } : {}) } : {};
        this.citations.push({ n, file: p.file, paragraph: p.n, line: p.line, ...pagePlace(p), quote: cited, score: Math.round(source.score * 1000) / 1000, ...kind });
        if (code) blocks.push(citedCode(p.text, p.language, n));
      }
      return n;
    });
    // Code stands on lines of its own, a blank line either side, as in an extractive answer.
    return [citedSentence(verified.text, [...new Set(numbers)]), ...blocks].join("\n\n");
  }
}

/** The sentences as they were streamed: one space between them, so deltas join to the answer. */
export const sentenceDelta = (sentence: string, index: number) => (index === 0 ? sentence : ` ${sentence}`);

export function llmAnswer(sentences: string[], numbering: CitationNumbering): Answer {
  return { answer: sentences.map(sentenceDelta).join(""), abstained: false, citations: numbering.citations, mode: "llm" };
}
