import { resolve } from "node:path";
import { Answerer } from "../../src/answer/answer.js";
import type { LogisticModel } from "../../src/answer/logistic.js";
import { DEFAULT_K } from "../../src/answer/depth.js";
import { squadCorpusDir, squadQuestions } from "./labeled-sets.js";
import { openCorpus } from "./open-corpus.js";
import { type ParagraphRow, fitParagraphRanker, fusionScore, heldOutRecall, paragraphRows, recallAt, weighParagraphRows } from "./paragraph-training.js";
import { cachedJson, cachedRows } from "./row-cache.js";
import { CORPUS_SETS, corpusSetQuestions } from "./set-rows.js";
import type { SquadArticle } from "./squad.js";
import { squadRows } from "./squad-rows.js";
import { type TrainingRow, roundModel, trainingRows } from "./training.js";

export interface TrainingData {
  /** Retrieval pools of the answerable questions, for the paragraph ranker. */
  paragraphRows: ParagraphRow[];
  paragraphWeight: number;
  /** The paragraph ranker fitted on every pool (as shipped). */
  paragraphRanker: LogisticModel;
  /** Answer units of every question, retrieved with that ranker. */
  rows: TrainingRow[];
}

/** One answerer per folder of documents, opened (ingested) once however often it is asked for. */
function corpusOpener() {
  const opened = new Map<string, Promise<Answerer>>();
  return (key: string, dir: () => Promise<string>) => {
    let answerer = opened.get(key);
    if (!answerer) opened.set(key, (answerer = dir().then((d) => openCorpus(d))));
    return answerer;
  };
}

/**
 * Every training row, in two passes: the retrieval pools of every answerable question (SQuAD's and
 * each folder's) teach the paragraph ranker; answer units are then extracted from what that ranker
 * retrieves, as the service will. Each pass is cached per source under TRAIN_ROWS when set.
 */
export async function allTrainingData(articles: SquadArticle[], log: (line: string) => void): Promise<TrainingData> {
  const cache = process.env.TRAIN_ROWS;
  const open = corpusOpener();
  const squadOpen = (subset: SquadArticle[]) => open(subset.map((a) => a.file).join("|"), () => squadCorpusDir(subset));
  const setOpen = (set: (typeof CORPUS_SETS)[number]) => open(set.group, async () => resolve(set.corpus));

  const pools = await cachedJson(cache, "squad.paragraphs", async () => paragraphRows(await squadOpen(articles), squadQuestions(articles)));
  for (const set of CORPUS_SETS) pools.push(...(await cachedJson(cache, `${set.group}.paragraphs`, async () => paragraphRows(await setOpen(set), await corpusSetQuestions(set)))));

  const groups = CORPUS_SETS.map((s) => s.group);
  log(`\nParagraph ranker: weight of the folders' questions, chosen leave-one-folder-out (fusion before it: recall@${DEFAULT_K} ${(recallAt(pools.filter((r) => groups.includes(r.group)), fusionScore, DEFAULT_K) * 100).toFixed(1)}%):`);
  const paragraphWeight = weighParagraphRows(pools, groups, DEFAULT_K, log);
  const squadGroups = [...new Set(pools.filter((r) => !groups.includes(r.group)).map((r) => r.group))];
  log(`  SQuAD, leave-one-article-out: recall@${DEFAULT_K} ${(heldOutRecall(pools, squadGroups, DEFAULT_K) * 100).toFixed(1)}% (fusion ${(recallAt(pools.filter((r) => !groups.includes(r.group)), fusionScore, DEFAULT_K) * 100).toFixed(1)}%)`);
  const paragraphRanker = roundModel(fitParagraphRanker(pools));

  const ranked = async (answerer: Promise<Answerer>) => {
    const a = await answerer;
    return new Answerer(a.index, a.words, { ...a.model, paragraphRanker });
  };
  const rows = await cachedRows(cache, "squad", () => squadRows(articles, (subset) => ranked(squadOpen(subset)), log));
  for (const set of CORPUS_SETS) {
    rows.push(...(await cachedRows(cache, set.group, async () => {
      const questions = await corpusSetQuestions(set);
      log(`${set.group}: ${questions.length} questions over ${set.corpus}`);
      return trainingRows(await ranked(setOpen(set)), questions);
    })));
  }
  return { paragraphRows: pools, paragraphWeight, paragraphRanker, rows };
}
