import { readFile } from "node:fs/promises";
import { type SetItem, setQuestions } from "./labeled-sets.js";
import type { LabeledQuestion } from "./training.js";

/** A question set over a folder of documents, held out together as one fold. */
export interface CorpusSet {
  group: string;
  corpus: string;
  sets: string[];
}

/**
 * The question sets over whole folders that the model also learns from: they hold what SQuAD
 * lacks (documentation's headings, list items, tables and code, "how do I…" questions, and
 * questions the folder simply doesn't answer). Each folder is one fold. Each folder also carries a
 * quarter of 60 off-topic questions (datasets/<folder>/off-topic.json: the time, the weather, "What's
 * the price?", small talk), different ones per folder: SQuAD's unanswerable questions are all
 * about their article, and a visitor's off-topic question shares common words with any folder.
 */
export const CORPUS_SETS: CorpusSet[] = [
  { group: "fastify-docs", corpus: "datasets/fastify-docs/docs", sets: ["datasets/fastify-docs/questions.json", "datasets/fastify-docs/off-topic.json"] },
  { group: "undici-docs", corpus: "datasets/undici-docs/corpus", sets: ["datasets/undici-docs/questions.json", "datasets/undici-docs/off-topic.json"] },
  { group: "eslint-import-docs", corpus: "datasets/eslint-import-docs/corpus", sets: ["datasets/eslint-import-docs/questions.json", "datasets/eslint-import-docs/off-topic.json"] },
  { group: "seeds", corpus: "seeds", sets: ["tests/questions.json", "tests/holdout.json", "datasets/seeds/dev.json", "datasets/seeds/off-topic.json"] },
];

/** A folder's questions, ids prefixed with their set's path. */
export async function corpusSetQuestions(set: CorpusSet): Promise<LabeledQuestion[]> {
  const items: SetItem[] = [];
  for (const path of set.sets) items.push(...(JSON.parse(await readFile(path, "utf8")) as SetItem[]).map((item) => ({ ...item, id: `${path}:${item.id}` })));
  return setQuestions(items, set.group);
}
