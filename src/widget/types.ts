export interface Citation {
  n: number;
  file: string;
  paragraph: number;
  quote: string;
  /** "code": the quote is a whole code block, shown in the answer as a fenced block. */
  kind?: "code";
  language?: string;
  /** A PDF's page and the paragraph's number on it. */
  page?: number;
  pageParagraph?: number;
}

/** A cited paragraph, once, with what it adds to the answer (the server's `sources`). */
export interface Source {
  file: string;
  paragraph: number;
  markers: number[];
  context: string;
  kind?: "code";
  language?: string;
  /** A PDF's page and the paragraph's number on it. */
  page?: number;
  pageParagraph?: number;
}

/** A passage close to a question the documents don't answer. */
export interface Related {
  file: string;
  paragraph: number;
  text: string;
  /** A PDF's page and the paragraph's number on it. */
  page?: number;
  pageParagraph?: number;
}

/**
 * One question and what came of it. Only "done" is a final answer; "error", "stopped" and "cut"
 * (the stream ended before its `done` event) offer a retry instead.
 */
export interface Turn {
  question: string;
  answer: string;
  citations: Citation[];
  abstained: boolean;
  state: "pending" | "done" | "error" | "stopped" | "cut";
  error?: string;
  sources?: Source[];
  related?: Related[];
  /** The id to vote on (the `done` event's), when the server keeps votes. */
  id?: string;
  vote?: "up" | "down";
}

export interface Settings {
  api: string;
  title: string;
  accent: string;
  position: "right" | "left";
  greeting: string;
  theme: "auto" | "light" | "dark";
  /** A publishable widget key (WIDGET_KEYS), sent as a bearer token. */
  key?: string;
}
