import type { Answer, Citation } from "../types.js";
import type { RankedUnit } from "./model.js";
import { verifyQuote } from "./verify.js";

/** A document's own "[3]" must not read as one of our citation markers. */
function neutralizeMarkers(text: string): string {
  return text.replace(/\[(\d+)\]/g, "($1)");
}

/** "Sentence text [1]." — the marker goes before the sentence's closing punctuation. */
function citedSentence(display: string, n: number): string {
  const text = neutralizeMarkers(display.trim());
  const end = text.match(/[.!?…]+["”’)]*$|[:;,]$/);
  if (!end) return `${text} [${n}].`;
  const body = text.slice(0, end.index);
  const stop = /^[:;,]$/.test(end[0]) ? "." : end[0];
  return `${body} [${n}]${stop}`;
}

/** The chosen units as an answer: each a sentence with its marker, each marker a verified citation. */
export function composeAnswer(chosen: RankedUnit[]): Answer {
  const citations: Citation[] = [];
  const sentences: string[] = [];
  for (const unit of chosen) {
    if (!verifyQuote(unit.quote, unit.paragraph.text)) continue; // never cite what the paragraph doesn't say
    const n = citations.length + 1;
    citations.push({
      n,
      file: unit.paragraph.file,
      paragraph: unit.paragraph.n,
      line: unit.paragraph.line,
      quote: unit.quote,
      score: Math.round(unit.probability * 1000) / 1000,
    });
    sentences.push(citedSentence(unit.display, n));
  }
  return { answer: sentences.join(" "), abstained: false, citations };
}
