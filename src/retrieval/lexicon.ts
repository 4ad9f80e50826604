import { tokenize } from "../text/terms.js";
import { type AcronymData, AcronymTable } from "./acronyms.js";
import { SpellingCorrector } from "./spelling.js";
import { type WordRelationData, WordRelations } from "./word-relations.js";

/**
 * What the corpus teaches about its own words: its acronyms and its spellings. Learnt at ingest
 * and saved with the index (lexicon.json), so loading a large index does not relearn it.
 */
export interface CorpusLexicon {
  acronyms: AcronymTable;
  spelling: SpellingCorrector;
  relations: WordRelations;
}

export interface LexiconData {
  acronyms: AcronymData;
  /** Word → number of occurrences, words of three letters or more. */
  words: [string, number][];
  /** WordNet's synonyms, hypernyms and antonyms of the corpus's words (see WordRelations). */
  relations: WordRelationData;
}

/** `relate` looks the corpus's words up in WordNet (ingest/wordnet.ts; absent, no relations). */
export function learnLexicon(texts: Iterable<string>, relate: (words: string[]) => WordRelationData = () => []): LexiconData {
  const acronyms = new AcronymTable();
  const counts = new Map<string, number>();
  for (const text of texts) {
    acronyms.add(text);
    for (const token of tokenize(text)) if (token.length >= 3) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return { acronyms: acronyms.toJSON(), words: [...counts], relations: relate([...counts.keys()]) };
}

export function lexiconFrom(data: LexiconData, isCommonWord?: (word: string) => boolean): CorpusLexicon {
  return { acronyms: AcronymTable.fromJSON(data.acronyms), spelling: new SpellingCorrector(new Map(data.words), isCommonWord), relations: new WordRelations(data.relations) };
}
