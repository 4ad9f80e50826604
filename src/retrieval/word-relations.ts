/**
 * WordNet's relations among the corpus's words, looked up at ingest (ingest/wordnet.ts) and saved
 * in the lexicon, by normalised term: each term's synonyms and hypernyms ("related": a question's
 * "warship" is stated by a paragraph's "frigate") and its antonyms ("opposite").
 */
export type WordRelationData = [term: string, related: string[], opposite: string[]][];

const NONE: ReadonlySet<string> = new Set();

export class WordRelations {
  private readonly related = new Map<string, ReadonlySet<string>>();
  private readonly opposite = new Map<string, ReadonlySet<string>>();

  constructor(data: WordRelationData = []) {
    for (const [term, related, opposite] of data) {
      if (related.length) this.related.set(term, new Set(related));
      if (opposite.length) this.opposite.set(term, new Set(opposite));
    }
  }

  /** Whether `asked` names the same thing as `stated` or something `stated` is a kind of. */
  states(stated: string, asked: string): boolean {
    return (this.related.get(stated) ?? NONE).has(asked);
  }

  /** Whether `asked` is an antonym of `stated`. */
  opposes(stated: string, asked: string): boolean {
    return (this.opposite.get(stated) ?? NONE).has(asked);
  }
}
