import { loadConfig } from "../../src/config.js";
import { openService } from "../../src/service.js";
import { readQuestionSet } from "../../src/eval/question-set.js";
const s = await openService(loadConfig({ INDEX_DIR: process.argv[2]!, EMBEDDER: "wordvectors" }));
const qs = [...(await readQuestionSet("tests/questions.json")), ...(await readQuestionSet("../shared/eval/dev.json"))].map((q) => q.question);
for (const q of qs) await s.answer(q);
const rows: [number, string][] = [];
for (const q of qs) { const t = performance.now(); for (let i = 0; i < 3; i++) await s.answer(q); rows.push([(performance.now() - t) / 3, q]); }
rows.sort((a, b) => b[0] - a[0]); for (const r of rows.slice(0, 8)) console.log(r[0].toFixed(1), r[1]);
console.log("median", rows[Math.floor(rows.length / 2)]![0].toFixed(1));
