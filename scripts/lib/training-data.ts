import { cachedRows } from "./row-cache.js";
import { CORPUS_SETS, corpusSetRows } from "./set-rows.js";
import type { SquadArticle } from "./squad.js";
import { squadRows } from "./squad-rows.js";
import type { TrainingRow } from "./training.js";

/** Every training row: SQuAD's, then each folder set's (cached per source under TRAIN_ROWS when set). */
export async function allTrainingRows(articles: SquadArticle[], log: (line: string) => void): Promise<TrainingRow[]> {
  const rows = await cachedRows(process.env.TRAIN_ROWS, "squad", async () => (await squadRows(articles, log)).rows);
  for (const set of CORPUS_SETS) rows.push(...(await cachedRows(process.env.TRAIN_ROWS, set.group, () => corpusSetRows(set, log))));
  return rows;
}
