// Developer tool: for each question, where the first correct answer unit ranks and how the best
// unit scores, to choose the abstention thresholds in src/answer/answer.ts from data.
import { loadConfig } from "../src/config.js";
import { Answerer } from "../src/answer/answer.js";
import { loadIndex } from "../src/index-store/load.js";
import { WordSimilarity } from "../src/embeddings/word-similarity.js";
import { loadWordVectorTable } from "../src/embeddings/word-vector-table.js";
import { readQuestionSet, isAnswerable } from "../src/eval/question-set.js";
import { includesEntry } from "../src/eval/match.js";

const config = loadConfig();
const words = new WordSimilarity(await loadWordVectorTable(config.cacheDir));
const answerer = new Answerer(await loadIndex(config), words);
const f = (x: number | undefined) => (x ?? 0).toFixed(2);
for (const path of process.argv.slice(2)) {
  for (const item of await readQuestionSet(path)) {
    const ranked = await answerer.rank(await answerer.retriever.retrieve(item.question, 10));
    const support = new Set(item.support.map((s) => `${s.file}#${s.paragraph}`));
    const good = (u: (typeof ranked)[number]) =>
      support.has(`${u.paragraph.file}#${u.paragraph.n}`) && item.must_include.every((m) => includesEntry(u.display, m));
    const firstGood = ranked.findIndex(good);
    const b = ranked[0];
    const g = ranked[firstGood];
    console.log(
      `${item.id} ${isAnswerable(item) ? "ANS" : "UNA"} goodRank=${firstGood} ` +
        `best[c=${f(b?.scores.coverage)} r=${f(b?.scores.names)} s=${f(b?.scores.similarity)} sc=${f(b?.scores.score)}] ` +
        (g ? `good[c=${f(g.scores.coverage)} r=${f(g.scores.names)} s=${f(g.scores.similarity)} p=${f(g.scores.prior)} sc=${f(g.scores.score)}]` : ""),
    );
  }
}
