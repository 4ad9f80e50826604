import type { IndexedParagraph } from "../index-store/load.js";
import type { Answer, Citation } from "../types.js";
import type { RankedUnit } from "./model.js";
import { statesName } from "./section-name.js";
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

/**
 * The chosen units as an answer: each a sentence with its marker, each marker a verified citation.
 * `namingHeadingOf` gives the heading that names a unit's API element (see section-name.ts): a
 * sentence that does not state that name yet is introduced by it, the heading cited as well
 * ("exposeHeadRoutes: Automatically creates… [1] [2]."); code is preceded by it ("import/no-cycle [1].").
 */
export function composeAnswer(chosen: RankedUnit[], namingHeadingOf: (unit: RankedUnit) => IndexedParagraph | undefined = () => undefined): Answer {
  const citations: Citation[] = [];
  const parts: { text: string; code: boolean }[] = [];
  const cite = (paragraph: IndexedParagraph, quote: string, probability: number, extra: Partial<Citation> = {}) => {
    const n = citations.length + 1;
    citations.push({ n, file: paragraph.file, paragraph: paragraph.n, line: paragraph.line, ...pagePlace(paragraph), quote, score: Math.round(probability * 1000) / 1000, ...extra });
    return n;
  };
  for (const unit of chosen) {
    if (!verifyQuote(unit.quote, unit.paragraph.text)) continue; // never cite what the paragraph doesn't say
    const code = unit.paragraph.kind === "code";
    if (code && MARKER_LIKE.test(unit.quote)) continue;
    const { language } = unit.paragraph;
    const heading = namingHeadingOf(unit);
    const named = heading && !statesName([...parts.map((p) => p.text), code ? unit.quote : unit.display].join("\n"), heading.text) ? heading : undefined;
    if (code) {
      // Code cannot be introduced inside its block: the name stands on a line of its own before it.
      if (named) parts.push({ text: citedSentence(named.text, cite(named, named.text, unit.probability)), code: false });
      const n = cite(unit.paragraph, unit.quote, unit.probability, { kind: "code" as const, ...(language ? { language } : {}) });
      parts.push({ text: citedCode(unit.quote, language, n), code });
      continue;
    }
    const markers = named ? [cite(named, named.text, unit.probability)] : [];
    markers.push(cite(unit.paragraph, unit.quote, unit.probability));
    parts.push({ text: citedSentence(named ? `${named.text.trim()}: ${unit.display}` : unit.display, markers), code });
  }
  // Sentences run on; a code block stands on lines of its own, a blank line either side.
  const answer = parts.map((p, i) => (i === 0 ? "" : p.code || parts[i - 1]!.code ? "\n\n" : " ") + p.text).join("");
  return { answer, abstained: false, citations, mode: "extractive" };
}
