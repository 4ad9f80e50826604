import type { IndexedParagraph } from "../index-store/load.js";
import { tokenize } from "../text/terms.js";
import { AcronymTable } from "./acronyms.js";
import { SpellingCorrector } from "./spelling.js";

/** What the corpus teaches about its own words: its acronyms and its spellings. */
export interface CorpusLexicon {
  acronyms: AcronymTable;
  spelling: SpellingCorrector;
}

export function buildLexicon(paragraphs: IndexedParagraph[]): CorpusLexicon {
  const acronyms = new AcronymTable();
  const counts = new Map<string, number>();
  for (const p of paragraphs) {
    acronyms.add(p.text);
    for (const token of tokenize(p.text)) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return { acronyms, spelling: new SpellingCorrector(counts) };
}
