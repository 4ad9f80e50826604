// What the server sends, as the server declares it (type-only: nothing of it is bundled).
import type { AnswerSource as Source } from "../http/answer-sources.js";
import type { Citation, RelatedPassage as Related } from "../types.js";

export type { Citation, Related, Source };

/**
 * One question and what came of it. Only "done" is a final answer; "error", "stopped" and "cut"
 * (the stream ended before its `done` event) offer a retry instead.
 */
export interface ShownTurn {
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

/** The colours the page's data-accent decides: its own, the text drawn on it, and links on a white panel. */
export interface AccentColours {
  accent: string;
  onAccent: string;
  lightLink: string;
}

export interface Settings {
  api: string;
  title: string;
  accent: AccentColours;
  position: "right" | "left";
  greeting: string;
  theme: "auto" | "light" | "dark";
  /** A publishable widget key (WIDGET_KEYS), sent as a bearer token. */
  key?: string;
}
