import type { ParagraphKind } from "./text/paragraph-kind.js";

/** A citable paragraph: the unit every citation points at. */
export interface Paragraph {
  /** Path relative to the corpus folder, with forward slashes (what citations show). */
  file: string;
  /** 1-based paragraph number within the file (see README: "Paragraph numbers"). */
  n: number;
  /** 1-based line where the paragraph starts. */
  line: number;
  /** 1-based line where the paragraph ends (inclusive): the source lines are line..endLine. */
  endLine: number;
  /**
   * Character offsets into the decoded file text: the block's source, fileText.slice(start, end).
   * For plain text that is exactly `text`; for Markdown it still holds the markup (`- `, `**`,
   * link URLs, code fences) that `text` leaves out.
   */
  start: number;
  end: number;
  /** What a reader sees: for Markdown the rendered text (no markup), for code the code itself. */
  text: string;
  /** What the block is: from the Markdown parser, or judged from the text for plain text. */
  kind: ParagraphKind;
  /** A code block's language, when its fence names one ("js", "sh"). */
  language?: string;
  /** sha256 of text, first 16 hex digits. */
  hash: string;
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
}

export interface RelatedPassage {
  file: string;
  paragraph: number;
  line: number;
  text: string;
  score: number;
}

export interface Answer {
  answer: string;
  abstained: boolean;
  citations: Citation[];
  related?: RelatedPassage[];
  /**
   * Present only when the question was read as a follow-up: the standalone question that was
   * answered, completed from the conversation's previous turn.
   */
  question?: string;
}
