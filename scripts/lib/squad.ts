import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** A SQuAD 2.0 article as the open setting uses it: one plain-text file, one paragraph a line. */
export interface SquadArticle {
  title: string;
  file: string;
  paragraphs: string[];
  questions: SquadQuestion[];
}

export interface SquadQuestion {
  id: string;
  question: string;
  answers: string[];
  /** 1-based paragraph the question was written on. */
  paragraph: number;
  impossible: boolean;
}

interface SquadJson {
  data: { title: string; paragraphs: { context: string; qas: { id: string; question: string; is_impossible?: boolean; answers: { text: string }[] }[] }[] }[];
}

export const SQUAD_FILES = ["datasets/squad/train-10-articles.json", "datasets/squad/dev-computational-complexity.json"];

export async function readSquad(paths = SQUAD_FILES): Promise<SquadArticle[]> {
  const articles: SquadArticle[] = [];
  for (const path of paths) {
    const json = JSON.parse(await readFile(path, "utf8")) as SquadJson;
    for (const a of json.data) {
      articles.push({
        title: a.title,
        file: `${a.title.replace(/[^\p{L}\p{N}_-]+/gu, "_")}.txt`,
        paragraphs: a.paragraphs.map((p) => p.context.replace(/\s*\n\s*/g, " ").trim()),
        questions: a.paragraphs.flatMap((p, i) =>
          p.qas.map((q) => ({ id: q.id, question: q.question.trim(), answers: q.answers.map((x) => x.text), paragraph: i + 1, impossible: q.is_impossible === true })),
        ),
      });
    }
  }
  return articles;
}

export async function writeSquadCorpus(articles: SquadArticle[], dir: string): Promise<void> {
  for (const a of articles) await writeFile(join(dir, a.file), `${a.paragraphs.join("\n")}\n`);
}

/** SQuAD's answer normalisation: lower case, no punctuation, no articles, single spaces. */
export function normalizeAnswer(text: string): string {
  return ` ${text.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, " ").replace(/\b(a|an|the)\b/g, " ").replace(/\s+/g, " ").trim()} `;
}

export const containsAnswer = (text: string, answers: string[]) => answers.some((a) => normalizeAnswer(text).includes(normalizeAnswer(a)));
