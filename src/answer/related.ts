import type { ParagraphKind } from "../text/paragraph-kind.js";
import { wordCount } from "../text/word-count.js";

/** Kinds that are labels by construction: a title, a table's |---| rule, an image placeholder. */
const LABEL_KINDS: ReadonlySet<ParagraphKind> = new Set(["heading", "table-rule", "figure"]);

/**
 * A closest passage must be able to state something: at least a subject, a verb and what they
 * say ("Plugins are encapsulated." is the shortest fact in the test fixtures). Every 1–2-word
 * paragraph of the seeds, the fastify docs and the fixtures is a label instead: "Fastify",
 * "Usage:", "Example:", "or", "Why ASEAN?", "npm 8.5.0" (measured with ingest/read-corpus).
 */
export const MIN_PASSAGE_WORDS = 3;

/** Whether a paragraph reads as a passage worth showing beside a refusal, not a bare label ("Time"). */
export function readsAsPassage(p: { text: string; kind: ParagraphKind }): boolean {
  if (p.kind === "code") return p.text.trim().length > 0;
  return !LABEL_KINDS.has(p.kind) && wordCount(p.text) >= MIN_PASSAGE_WORDS;
}
