// Developer tool: where each question of a line-range set is lost — retrieval, ranking or the
// answerability threshold. A set looked at this way is a tuning set from then on.
// npx tsx scripts/diagnose.ts <corpus dir> <set.json> [model.json]
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { AnswerModel } from "../src/answer/model.js";
import { includesEntry } from "../src/eval/match.js";
import { type SetItem, supported } from "./lib/labeled-sets.js";
import { openCorpus } from "./lib/open-corpus.js";

const [corpus = "", set = "", modelPath] = process.argv.slice(2);
const model = modelPath ? (JSON.parse(await readFile(modelPath, "utf8")) as AnswerModel) : undefined;
const answerer = await openCorpus(resolve(corpus), model);
const items = JSON.parse(await readFile(set, "utf8")) as SetItem[];
const tally: Record<string, number> = {};
for (const item of items) {
  const { retrieval, ranked, answerability } = await answerer.judge(item.question);
  const result = await answerer.answer(item.question);
  const answerable = item.support.length > 0;
  const isSupport = (p: Parameters<typeof supported>[1]) => supported(item.support, p);
  const pRank = retrieval.candidates.findIndex((c) => isSupport(c.paragraph));
  const uRank = ranked.findIndex((u) => isSupport(u.paragraph) && item.must_include.every((m) => includesEntry(u.display, m)));
  const uRankAny = ranked.findIndex((u) => isSupport(u.paragraph) && item.must_include.some((m) => includesEntry(u.display, m)));
  const correct = !result.abstained && item.must_include.every((m) => includesEntry(result.answer, m)) && result.citations.some((c) => {
    const p = answerer.index.byFile.get(c.file)?.[c.paragraph - 1];
    return p !== undefined && isSupport(p);
  });
  const verdict = !answerable ? (result.abstained ? "ok-abstain" : "false-answer") : correct ? "ok" : pRank < 0 ? "not-retrieved" : uRankAny < 0 ? "no-unit-has-it" : result.abstained ? "false-abstain" : "misranked";
  tally[verdict] = (tally[verdict] ?? 0) + 1;
  console.log(`${verdict.padEnd(14)} ${item.id} p=${answerability.toFixed(2)} para#${pRank} unit#${uRank}/${uRankAny} ${item.question}`);
  if (verdict !== "ok" && verdict !== "ok-abstain") {
    console.log(`    answer: ${result.abstained ? "ABSTAIN" : result.answer.slice(0, 240).replace(/\n/g, " ")}`);
    for (const u of ranked.slice(0, 3)) console.log(`    ${u.probability.toFixed(3)} ${u.paragraph.file}¶${u.paragraph.n} ${u.display.slice(0, 110).replace(/\n/g, " ")}`);
    const found = ranked[uRankAny];
    if (found && uRankAny >= 3) console.log(`  * ${found.probability.toFixed(3)} ${found.display.slice(0, 110).replace(/\n/g, " ")}`);
  }
}
console.log(tally);
