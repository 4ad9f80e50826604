import type { ParagraphKind } from "./text/paragraph-kind.js";

/** A citable paragraph: the unit every citation points at. */
export interface Paragraph {
  /** Path relative to the corpus folder, with forward slashes (what citations show). */
  file: string;
  /** 1-based paragraph number within the file (see README: "Paragraph numbers"). */
  n: number;
  /**
   * 1-based line where the paragraph starts. A PDF has no source lines: there it is the first
   * line of the paragraph on its page; a Word file has none either: there it is `n`.
   */
  line: number;
  /** 1-based line where the paragraph ends (inclusive): the source lines are line..endLine. */
  endLine: number;
  /**
   * Character offsets into the decoded file text: the block's source, fileText.slice(start, end).
   * For plain text that is exactly `text`; for Markdown and HTML it still holds the markup (`- `,
   * `**`, tags, link URLs, code fences) that `text` leaves out. PDF and Word files have no text
   * of their own: there the offsets are into the extracted text, every paragraph's text joined
   * by a blank line, so fileText.slice(start, end) is exactly `text`.
   */
  start: number;
  end: number;
  /** What a reader sees: for Markdown the rendered text (no markup), for code the code itself. */
  text: string;
  /** What the block is: from the Markdown parser, or judged from the text for plain text. */
  kind: ParagraphKind;
  /** A code block's language, when its fence names one ("js", "sh"). */
  language?: string;
  /** A table row whose cells hold a `|`: its cells, which `text` can no longer tell apart (see tableRow). */
  cells?: string[];
  /** sha256 of text, first 16 hex digits. */
  hash: string;
  /** PDF only: the 1-based page the paragraph is on (starts on: only a code block a page break cut spans two pages). */
  page?: number;
  /** PDF only: the paragraph's 1-based number within its page (`report.pdf p. 3 ¶2`). */
  pageParagraph?: number;
}

export interface Citation {
  n: number;
  file: string;
  paragraph: number;
  line: number;
  /** Verbatim substring of the cited paragraph's text (for code: the whole code block). */
  quote: string;
  score: number;
  /**
   * "code" when the citation is a whole code block: the answer then holds that code as a fenced
   * block (```lang … ```) followed by this citation's marker on its own line. Absent for prose.
   */
  kind?: "code";
  /** The code's language, when known. */
  language?: string;
  /** PDF only: the page, and the paragraph's number on it (`paragraph` stays the document-wide number). */
  page?: number;
  pageParagraph?: number;
}

export interface RelatedPassage {
  file: string;
  paragraph: number;
  line: number;
  /** PDF only: as in Citation. */
  page?: number;
  pageParagraph?: number;
  text: string;
  score: number;
}

export interface Answer {
  answer: string;
  abstained: boolean;
  citations: Citation[];
  /**
   * How the answer was made: "llm" when a language model wrote it (every quote still checked
   * against its paragraph), "extractive" when it is sentences of the documents themselves — and
   * for every refusal, which never calls a model.
   */
  mode: "llm" | "extractive";
  related?: RelatedPassage[];
  /**
   * Present only when the question was read as a follow-up: the standalone question that was
   * answered, completed from the conversation's previous turn.
   */
  question?: string;
}

/** An earlier turn of a conversation, as every surface sends it and the core reads it (follow-ups). */
export interface Turn {
  question: string;
  answer: string;
}
