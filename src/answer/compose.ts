import type { Answer, Citation } from "../types.js";
import type { RankedUnit } from "./model.js";
import { verifyQuote } from "./verify.js";

/** A document's own "[3]" must not read as one of our citation markers. */
function neutralizeMarkers(text: string): string {
  return text.replace(/\[(\d+)\]/g, "($1)");
}

/** Letters of scripts written without spaces between words: a line wrapped between two of them joins with none. */
const UNSPACED = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}";
const UNSPACED_WRAP = new RegExp(`(?<=[${UNSPACED}])[^\\S\\n]*\\n\\s*(?=[${UNSPACED}])`, "gu");
const UNSPACED_LETTER = new RegExp(`[${UNSPACED}]`, "gu");

/**
 * A sentence of hard-wrapped text keeps the file's line breaks and indentation in its quote
 * ("…option when\n\tyou want…", util-linux's howtos); shown as they are, the widget (pre-wrap) and
 * Discord break the sentence where the file was wrapped. The answer sentence is read as one line;
 * the citation's quote stays verbatim.
 */
function asOneLine(text: string): string {
  return text.replace(UNSPACED_WRAP, "").replace(/\s+/g, " ");
}

/** "Sentence text [1]." (or "[1] [3]."): the markers go before the sentence's closing punctuation. */
export function citedSentence(display: string, n: number | readonly number[]): string {
  const text = neutralizeMarkers(asOneLine(display.trim()));
  const markers = (typeof n === "number" ? [n] : n).map((k) => `[${k}]`).join(" ");
  const end = text.match(/[.!?…。！？．]+["”’)」』）]*$|[:;,：；，、]$/);
  // A Chinese or Japanese sentence (most of its letters are; an English one may name 防衛省) ends
  // with its own full stop, set after the marker as ours is.
  const cjk = text.match(UNSPACED_LETTER)?.length ?? 0;
  const fullStop = cjk > (text.match(/\p{Script=Latin}/gu)?.length ?? 0) ? "。" : ".";
  if (!end) return `${text} ${markers}${fullStop}`;
  const body = text.slice(0, end.index);
  const stop = /^[:;,：；，、]$/.test(end[0]) ? fullStop : end[0];
  return `${body} ${markers}${stop}`;
}

/**
 * Code as it is, fenced so every surface can show it as code: a fence longer than any backtick
 * run inside (CommonMark), the language when it is a plain word, the marker on the line after.
 */
export function citedCode(code: string, language: string | undefined, n: number): string {
  const longestRun = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  const info = language && /^[\w.+#-]+$/.test(language) ? language : "";
  return `${fence}${info}\n${code}\n${fence}\n[${n}]`;
}

/**
 * Code whose text holds "[3]" would read as carrying citation markers, and code cannot be
 * altered as prose is (neutralizeMarkers); such a block is left out of the answer.
 */
export const MARKER_LIKE = /\[\d+\]/;

/** A PDF paragraph's page and its number on that page, for `report.pdf p. 3 ¶2`. */
export function pagePlace(p: { page?: number; pageParagraph?: number }): { page?: number; pageParagraph?: number } {
  return p.page !== undefined && p.pageParagraph !== undefined ? { page: p.page, pageParagraph: p.pageParagraph } : {};
}

/** The chosen units as an answer: each a sentence with its marker, each marker a verified citation. */
export function composeAnswer(chosen: RankedUnit[]): Answer {
  const citations: Citation[] = [];
  const parts: { text: string; code: boolean }[] = [];
  for (const unit of chosen) {
    if (!verifyQuote(unit.quote, unit.paragraph.text)) continue; // never cite what the paragraph doesn't say
    const code = unit.paragraph.kind === "code";
    if (code && MARKER_LIKE.test(unit.quote)) continue;
    const n = citations.length + 1;
    const { language } = unit.paragraph;
    citations.push({
      n,
      file: unit.paragraph.file,
      paragraph: unit.paragraph.n,
      line: unit.paragraph.line,
      ...pagePlace(unit.paragraph),
      quote: unit.quote,
      score: Math.round(unit.probability * 1000) / 1000,
      ...(code ? { kind: "code" as const, ...(language ? { language } : {}) } : {}),
    });
    parts.push({ text: code ? citedCode(unit.quote, language, n) : citedSentence(unit.display, n), code });
  }
  // Sentences run on; a code block stands on lines of its own, a blank line either side.
  const answer = parts.map((p, i) => (i === 0 ? "" : p.code || parts[i - 1]!.code ? "\n\n" : " ") + p.text).join("");
  return { answer, abstained: false, citations, mode: "extractive" };
}
