/**
 * The reply format the prompt asks for, one line per sentence:
 *
 *     The vessel costs 3.1 billion yen. [1: "A 3.1 billion yen diving support vessel"]
 *
 * a sentence, then one or more markers [n: "quote"]: n a source number, the quote between
 * straight or curly double quotes. A line may not go on after its markers (but closing
 * punctuation there is moved into the sentence), and a leading list marker ("- ", "1. ") is
 * allowed because small models add them whatever they are told.
 */

export interface QuotedSource {
  /** The source's number in the prompt (1-based). */
  source: number;
  /** The quote as the model wrote it (unverified). */
  quote: string;
}

export type ReplyLine =
  | { kind: "sentence"; text: string; citations: QuotedSource[] }
  /** The model's fixed line for "the sources don't answer this". */
  | { kind: "not-covered" }
  /** Anything else: a line without markers, or with text after them. */
  | { kind: "unparseable"; line: string };

/** [n: "quote"], the quote ending at the first closing quote mark followed by "]". */
const MARKER = /\[\s*(\d{1,3})\s*:\s*["“”„]([\s\S]*?)["“”]\s*\]/g;
const LIST_MARKER = /^\s*(?:[-*•]|\d{1,2}[.)])\s+/;
export const NOT_COVERED = "NOT IN SOURCES";

export function parseReplyLine(raw: string): ReplyLine | null {
  const line = raw.replace(LIST_MARKER, "").trim();
  if (!line) return null;
  if (line.replace(/[.!]+$/, "").toUpperCase() === NOT_COVERED) return { kind: "not-covered" };
  const markers = [...line.matchAll(MARKER)];
  if (markers.length === 0) return { kind: "unparseable", line };
  const first = markers[0]!.index!;
  const text = line.slice(0, first).trim();
  // Between and after the markers only spaces and closing punctuation.
  let rest = line.slice(first);
  for (const m of markers) rest = rest.replace(m[0], " ");
  const trailing = rest.replace(/\s+/g, "");
  if (!text || !/^[.!?;,…。！？、．]*$/.test(trailing)) return { kind: "unparseable", line };
  // Chinese and Japanese sentences end in their own stops.
  const sentence = /[.!?…。！？]["”’)」』）]*$/.test(text) ? text : `${text}${trailing.match(/[.!?。！？]/)?.[0] ?? "."}`;
  return { kind: "sentence", text: sentence, citations: markers.map((m) => ({ source: Number(m[1]), quote: m[2]! })) };
}

/** Cuts text arriving in pieces into whole lines, so each can be parsed as soon as it ends. */
export class LineSplitter {
  private pending = "";

  /** The lines the piece completes. */
  push(piece: string): string[] {
    this.pending += piece;
    // No line ends here: nothing to split (splitting all that is pending on every piece made a
    // long line streamed in small pieces quadratic).
    if (!piece.includes("\n")) return [];
    const lines = this.pending.split(/\r?\n/);
    this.pending = lines.pop()!;
    return lines;
  }

  /** The last line, which the reply ended without a line break. */
  end(): string[] {
    const last = this.pending;
    this.pending = "";
    return last ? [last] : [];
  }
}
