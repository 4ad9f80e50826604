import type { Answerer } from "../../src/answer/answer.js";
import { squadCorpusDir, squadQuestions } from "./labeled-sets.js";
import { openCorpus } from "./open-corpus.js";
import type { SquadArticle } from "./squad.js";
import { type TrainingRow, trainingRows } from "./training.js";

/** Every other question of an article is also asked where its article is absent. */
const ELSEWHERE_EVERY = 2;

/**
 * Training rows from SQuAD: every question asked of the folder of all eleven articles, and — the
 * kind of unanswerable question users actually ask, which SQuAD's adversarial ones are not — a
 * share of them asked of a folder that lacks their article (the articles are split in two
 * halves, each half's questions asked of the other half): the documents simply don't say.
 */
export async function squadRows(articles: SquadArticle[], log: (line: string) => void): Promise<{ answerer: Answerer; rows: TrainingRow[] }> {
  const answerer = await openCorpus(await squadCorpusDir(articles));
  const questions = squadQuestions(articles);
  log(`SQuAD 2.0: ${articles.length} articles, ${questions.length} questions; extracting features…`);
  const rows = await trainingRows(answerer, questions);
  const halves = [articles.filter((_, i) => i % 2 === 0), articles.filter((_, i) => i % 2 === 1)];
  for (const [i, half] of halves.entries()) {
    const elsewhere = await openCorpus(await squadCorpusDir(halves[1 - i]!));
    const asked = squadQuestions(half)
      .filter((_, j) => j % ELSEWHERE_EVERY === 0)
      .map((q) => ({ ...q, id: `${q.id}:elsewhere`, answerable: false, isAnswer: () => false }));
    log(`  …and ${asked.length} of them where their article is absent`);
    rows.push(...(await trainingRows(elsewhere, asked)));
  }
  return { answerer, rows };
}
