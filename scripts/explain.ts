// Developer tool: how each question of a set is answered — the answerability probability and the
// ranker's top units (a set looked at this way is a tuning set from then on).
import { loadConfig } from "../src/config.js";
import { includesEntry } from "../src/eval/match.js";
import { isAnswerable, readQuestionSet } from "../src/eval/question-set.js";
import { loadIndex } from "../src/index-store/load.js";
import { openAnswerer } from "../src/open-service.js";

const config = loadConfig();
// LEXICAL_ONLY=1 answers as the Worker does without Vectorize/Workers AI bindings.
const index = await loadIndex(config);
const answerer = await openAnswerer(config, undefined, process.env.LEXICAL_ONLY === "1" ? { ...index, dense: null } : index);
let pass = 0;
let total = 0;
for (const path of process.argv.slice(2)) {
  for (const item of await readQuestionSet(path)) {
    const { ranked, answerability } = await answerer.judge(item.question);
    const result = await answerer.answer(item.question);
    const support = new Set(item.support.map((s) => `${s.file}#${s.paragraph}`));
    const ok = isAnswerable(item)
      ? !result.abstained && item.must_include.every((m) => includesEntry(result.answer, m)) && result.citations.some((c) => support.has(`${c.file}#${c.paragraph}`))
      : result.abstained;
    total++;
    if (ok) pass++;
    console.log(`${ok ? "PASS" : "FAIL"} ${item.id} p(answerable)=${answerability.toFixed(2)} ${item.question}`);
    console.log(`   ${result.abstained ? "ABSTAIN" : result.answer.slice(0, 300)}`);
    if (!ok) for (const u of ranked.slice(0, 4)) console.log(`     ${u.probability.toFixed(3)} ${u.paragraph.file.slice(0, 12)}¶${u.paragraph.n} ${u.display.slice(0, 100)}`);
  }
}
console.log(`${pass}/${total} pass`);
