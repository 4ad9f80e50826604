import type { FeaturedUnit } from "../../src/answer/features.js";
import { includesEntry } from "../../src/eval/match.js";
import { type SquadArticle, containsAnswer, writeSquadCorpus } from "./squad.js";
import { scratchDir } from "./scratch-dir.js";
import type { LabeledQuestion } from "./training.js";

/** SQuAD questions, one group per article: a unit answers when it is on the question's paragraph and holds an answer. */
export function squadQuestions(articles: SquadArticle[]): LabeledQuestion[] {
  return articles.flatMap((a) =>
    a.questions.map((q) => ({
      id: q.id,
      group: a.title,
      question: q.question,
      answerable: !q.impossible,
      isAnswer: (u: FeaturedUnit) => u.paragraph.file === a.file && u.paragraph.n === q.paragraph && containsAnswer(u.display, q.answers),
      isSupport: (p: { file: string; n: number }) => p.file === a.file && p.n === q.paragraph,
    })),
  );
}

export async function squadCorpusDir(articles: SquadArticle[]): Promise<string> {
  const dir = await scratchDir("cited-answers-squad");
  await writeSquadCorpus(articles, dir);
  return dir;
}

/** Where a question's answer is, by paragraph (../shared/eval/dev.json) or by source lines (fastify-docs.json). */
export type Support = { file: string; paragraph: number } | { file: string; lines: [number, number] };

export interface SetItem {
  id: string;
  question: string;
  must_include: string[];
  support: Support[];
  /** In a set over several folders (datasets/heldout/subject.json), the folder the question is asked of. */
  corpus?: string;
}

/** Whether a paragraph is (or overlaps) one of the supports. */
export function supported(support: Support[], p: { file: string; n: number; line: number; endLine?: number; text: string }): boolean {
  const last = p.endLine ?? p.line + (p.text.match(/\n/g)?.length ?? 0);
  return support.some((s) => s.file === p.file && ("paragraph" in s ? s.paragraph === p.n : s.lines[0] <= last && s.lines[1] >= p.line));
}

/** Questions of a set over one corpus: a unit answers when it is on a support and holds an expected string. */
export function setQuestions(items: SetItem[], group: string): LabeledQuestion[] {
  return items.map((item) => ({
    id: item.id,
    group,
    question: item.question,
    answerable: item.support.length > 0,
    isAnswer: (u: FeaturedUnit) => supported(item.support, u.paragraph) && item.must_include.some((entry) => includesEntry(u.display, entry)),
    isSupport: (p: Parameters<typeof supported>[1]) => supported(item.support, p),
  }));
}
