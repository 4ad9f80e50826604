import type { Answerer } from "../../src/answer/answer.js";
import { askedElsewhereId } from "./asked-elsewhere.js";
import { squadQuestions } from "./labeled-sets.js";
import type { SquadArticle } from "./squad.js";
import { type LabeledQuestion, type TrainingRow, trainingRows } from "./training.js";

/** Every other question of an article is also asked where its article is absent. */
const ELSEWHERE_EVERY = 2;

/** The articles split in two halves; each half's questions are also asked of the other half. */
export function squadHalves(articles: SquadArticle[]): [SquadArticle[], SquadArticle[]] {
  return [articles.filter((_, i) => i % 2 === 0), articles.filter((_, i) => i % 2 === 1)];
}

function askedElsewhere(half: SquadArticle[]): LabeledQuestion[] {
  return squadQuestions(half)
    .filter((_, j) => j % ELSEWHERE_EVERY === 0)
    .map((q) => ({ ...q, id: askedElsewhereId(q.id), answerable: false, isAnswer: () => false, isSupport: () => false }));
}

/**
 * Training rows from SQuAD: every question asked of the folder of all eleven articles, and — the
 * kind of unanswerable question users actually ask, which SQuAD's adversarial ones are not — a
 * share of them asked of a folder that lacks their article (the articles are split in two
 * halves, each half's questions asked of the other half): the documents simply don't say.
 * `open` gives an answerer over a folder of the given articles.
 */
export async function squadRows(articles: SquadArticle[], open: (articles: SquadArticle[]) => Promise<Answerer>, log: (line: string) => void): Promise<TrainingRow[]> {
  const questions = squadQuestions(articles);
  log(`SQuAD 2.0: ${articles.length} articles, ${questions.length} questions; extracting features…`);
  const rows = await trainingRows(await open(articles), questions);
  const halves = squadHalves(articles);
  for (const [i, half] of halves.entries()) {
    const asked = askedElsewhere(half);
    log(`  …and ${asked.length} of them where their article is absent`);
    rows.push(...(await trainingRows(await open(halves[1 - i]!), asked)));
  }
  return rows;
}
