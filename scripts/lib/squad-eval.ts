import { Answerer } from "../../src/answer/answer.js";
import type { AnswerModel } from "../../src/answer/model.js";
import type { SquadArticle } from "./squad.js";
import { containsAnswer } from "./squad.js";
import { type ParagraphRow, fitParagraphRanker } from "./paragraph-training.js";
import { type TrainingRow, crossFit, finalModel, roundModel } from "./training.js";

/** The SQuAD open setting, as its README scores it. */
export interface SquadScore {
  article: string;
  answerable: number;
  unanswerable: number;
  /** Answerable: the answer holds an answer text and a citation names the question's paragraph. */
  hits: number;
  /** Unanswerable: abstained. */
  abstained: number;
}

/**
 * Leave-one-article-out through the normal answer path: for each article, a model fitted (with
 * its threshold and keep ratio chosen) on the other articles answers that article's questions.
 */
export async function squadLeaveOneOut(answerer: Answerer, rows: TrainingRow[], pools: ParagraphRow[], articles: SquadArticle[], folderGroups: string[], log: (line: string) => void): Promise<SquadScore[]> {
  const scores: SquadScore[] = [];
  for (const article of articles) {
    const others = rows.filter((r) => r.group !== article.title);
    // Retrieval too is ranked by a model that never saw the article (the training units were
    // retrieved by the one that did: a small leak, in the candidates only).
    const paragraphRanker = roundModel(fitParagraphRanker(pools.filter((r) => r.group !== article.title)));
    const model: AnswerModel = finalModel(others, crossFit(others), `all but ${article.title}`, paragraphRanker, folderGroups);
    const foldAnswerer = new Answerer(answerer.index, answerer.words, model);
    const score: SquadScore = { article: article.title, answerable: 0, unanswerable: 0, hits: 0, abstained: 0 };
    for (const q of article.questions) {
      const answer = await foldAnswerer.answer(q.question);
      if (q.impossible) {
        score.unanswerable++;
        if (answer.abstained) score.abstained++;
      } else {
        score.answerable++;
        if (!answer.abstained && containsAnswer(answer.answer, q.answers) && answer.citations.some((c) => c.file === article.file && c.paragraph === q.paragraph)) score.hits++;
      }
    }
    log(`  ${article.title}: hit ${score.hits}/${score.answerable}, abstained ${score.abstained}/${score.unanswerable}`);
    scores.push(score);
  }
  return scores;
}
