// Developer tool: shows how each question of a set is answered and scored (for tuning).
import { loadConfig } from "../src/config.js";
import { Answerer } from "../src/answer/answer.js";
import { loadIndex } from "../src/index-store/load.js";
import { WordSimilarity } from "../src/embeddings/word-similarity.js";
import { loadWordVectorTable } from "../src/embeddings/word-vector-table.js";
import { readQuestionSet, isAnswerable } from "../src/eval/question-set.js";
import { includesEntry } from "../src/eval/match.js";

const config = loadConfig();
// LEXICAL_ONLY=1 answers as the Worker does without Vectorize/Workers AI bindings.
const index = await loadIndex(config);
const lexicalOnly = process.env.LEXICAL_ONLY === "1";
const words = new WordSimilarity(await loadWordVectorTable(config.cacheDir));
const answerer = new Answerer(
  lexicalOnly ? { ...index, dense: null } : index,
  lexicalOnly ? { similarity: () => 0, isCommonWord: (w) => words.isCommonWord(w) } : words,
);
const sets = process.argv.slice(2);
let pass = 0, total = 0;
for (const path of sets) {
  for (const item of await readQuestionSet(path)) {
    const retrieval = await answerer.retriever.retrieve(item.question, 10);
    const ranked = await answerer.rank(retrieval);
    const result = await answerer.answer(item.question);
    const support = new Set(item.support.map((s) => `${s.file}#${s.paragraph}`));
    let ok: boolean;
    if (!isAnswerable(item)) ok = result.abstained;
    else ok = !result.abstained && item.must_include.every((m) => includesEntry(result.answer, m)) && result.citations.some((c) => support.has(`${c.file}#${c.paragraph}`));
    total++; if (ok) pass++;
    const b = ranked[0];
    console.log(`${ok ? "PASS" : "FAIL"} ${item.id} ${item.question}`);
    console.log(`   best cov=${b?.scores.coverage.toFixed(2)} sim=${b?.scores.similarity.toFixed(2)} prior=${b?.scores.prior.toFixed(2)} fit=${b?.scores.fit.toFixed(2)} rare=${b?.scores.names.toFixed(2)} score=${b?.scores.score.toFixed(3)} ${b?.paragraph.file.slice(0,3)}¶${b?.paragraph.n}`);
    console.log(`   ${result.abstained ? "ABSTAIN" : result.answer.slice(0, 300)}`);
    if (!ok) {
      console.log(`   cites: ${result.citations.map((c) => `${c.file.slice(0,3)}¶${c.paragraph}`).join(" ")}  want: ${[...support].map(s=>s.slice(0,3)+"¶"+s.split("#")[1]).join(" ")}`);
      console.log(`   retrieved: ${retrieval.candidates.map((c) => `${c.paragraph.file.slice(0,3)}¶${c.paragraph.n}`).join(" ")}`);
      for (const u of ranked.slice(0, 4)) console.log(`     ${u.scores.score.toFixed(3)} c=${u.scores.coverage.toFixed(2)} s=${u.scores.similarity.toFixed(2)} p=${u.scores.prior.toFixed(2)} f=${u.scores.fit.toFixed(2)} r=${u.scores.names.toFixed(2)} ${u.paragraph.file.slice(0,3)}¶${u.paragraph.n} ${u.display.slice(0, 90)}`);
    }
  }
}
console.log(`${pass}/${total} pass`);
