/** A citable paragraph: the unit every citation points at. */
export interface Paragraph {
  /** Path relative to the corpus folder, with forward slashes (what citations show). */
  file: string;
  /** 1-based paragraph number within the file (see README: "Paragraph numbers"). */
  n: number;
  /** 1-based line where the paragraph starts. */
  line: number;
  /** Character offsets into the decoded file text: text === fileText.slice(start, end). */
  start: number;
  end: number;
  text: string;
  /** sha256 of text, first 16 hex digits. */
  hash: string;
}

export interface Citation {
  n: number;
  file: string;
  paragraph: number;
  line: number;
  /** Verbatim substring of the cited paragraph's text. */
  quote: string;
  score: number;
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
}
