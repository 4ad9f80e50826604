// npm run train: fits the answer model from the data in datasets/ and writes models/answerer.json.
// Deterministic: the same data gives the same file, byte for byte.
import { writeFile } from "node:fs/promises";
import { readSquad } from "./lib/squad.js";
import { squadRows } from "./lib/squad-rows.js";
import { THRESHOLD_RULE, chooseThreshold, crossFit, finalModel, riskCoverage } from "./lib/training.js";

const OUTPUT = "models/answerer.json";
const log = (line: string) => process.stderr.write(`${line}\n`);

const articles = await readSquad();
const { rows } = await squadRows(articles, log);
const judged = crossFit(rows);

const points = riskCoverage(judged);
const chosen = chooseThreshold(points);
log("\nRisk–coverage on held-out articles (answerability threshold → share answered, error among answered, balanced accuracy):");
for (const target of [0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]) {
  const p = points.find((x) => x.coverage >= target - 1e-9) ?? points.at(-1)!;
  log(`  ≥${p.threshold.toFixed(3)}  coverage ${(p.coverage * 100).toFixed(1)}%  risk ${(p.risk * 100).toFixed(1)}%  balanced ${(p.accuracy * 100).toFixed(1)}%`);
}
log(`Chosen (${THRESHOLD_RULE}): ≥${chosen.threshold.toFixed(3)}, coverage ${(chosen.coverage * 100).toFixed(1)}%, risk ${(chosen.risk * 100).toFixed(1)}%, balanced ${(chosen.accuracy * 100).toFixed(1)}%`);

const model = finalModel(rows, judged, `SQuAD 2.0, ${articles.length} articles (datasets/squad); plus half their questions asked where their article is absent; threshold and keep ratio chosen leave-one-article-out`);
await writeFile(OUTPUT, `${JSON.stringify(model, null, 1)}\n`);
log(`wrote ${OUTPUT}`);
