// Experiment: held-out top-1 of the logistic unit ranker against gradient-boosted trees (scripts/lib/fit-boosted.ts)
// on the rows `TRAIN_ROWS=.cache/rows6 npm run train` cached; SQuAD as three folds, each folder one. T, D, LR, MLC, W set
// trees, depth, learning rate, min leaf curvature and the folders' weight.
import { cachedRows } from "./lib/row-cache.js";
import { CORPUS_SETS } from "./lib/set-rows.js";
import { type TrainingRow, fitRanker } from "./lib/training.js";
import { fitBoosted } from "./lib/fit-boosted.js";
import { boostedLogit } from "../src/answer/boosted.js";
import { logit } from "../src/answer/logistic.js";

const folder = ".cache/rows6";
const missing = async (): Promise<TrainingRow[]> => { throw new Error("no rows"); };
const groups = CORPUS_SETS.map((s) => s.group);
const rows = await cachedRows(folder, "squad", missing);
for (const g of groups) rows.push(...(await cachedRows(folder, g, missing)));
const W = Number(process.env.W ?? 20);
for (const r of rows) if (groups.includes(r.group)) r.weight = W;
const articles = [...new Set(rows.filter((r) => !groups.includes(r.group)).map((r) => r.group))];
for (const r of rows) if (!groups.includes(r.group)) r.group = `squad-${articles.indexOf(r.group) % 3}`;
const folds = [...new Set(rows.map((r) => r.group))];
const opts = { trees: Number(process.env.T ?? 200), depth: Number(process.env.D ?? 4), learningRate: Number(process.env.LR ?? 0.1), l2: 1, minLeafCurvature: Number(process.env.MLC ?? 5), bins: 32 };
function flat(rs: TrainingRow[]) {
  const x: number[][] = [], y: number[] = [], w: number[] = [];
  for (const r of rs) if (r.answerable) r.units.forEach((u, i) => { x.push(u.features); y.push(r.labels[i]!); w.push(r.weight); });
  return { x, y, w };
}
const top1 = (r: TrainingRow, f: (x: number[]) => number) => {
  let best = -1, bz = -Infinity;
  r.units.forEach((u, i) => { const z = f(u.features); if (z > bz) { bz = z; best = i; } });
  return best >= 0 && r.labels[best] === 1;
};
const tally: Record<string, { n: number; lr: number; gb: number }> = {};
for (const g of folds) {
  const train = rows.filter((r) => r.group !== g);
  const t0 = Date.now();
  const lr = fitRanker(train);
  const { x, y, w } = flat(train);
  const gb = fitBoosted(x, y, { ...opts, rowWeights: w });
  const key = g.startsWith("squad") ? "squad" : g;
  tally[key] ??= { n: 0, lr: 0, gb: 0 };
  for (const r of rows.filter((r) => r.group === g && r.answerable)) {
    tally[key].n++;
    if (top1(r, (f) => logit(lr, f))) tally[key].lr++;
    if (top1(r, (f) => boostedLogit(gb, f))) tally[key].gb++;
  }
  console.error(g, `${((Date.now() - t0) / 1000).toFixed(0)}s`, JSON.stringify(tally[key]));
}
let fn = 0, flr = 0, fgb = 0;
for (const [k, v] of Object.entries(tally)) { console.log(k.padEnd(20), v.n, "logistic", (100 * v.lr / v.n).toFixed(1), "boosted", (100 * v.gb / v.n).toFixed(1)); if (k !== "squad") { fn += v.n; flr += v.lr; fgb += v.gb; } }
console.log("folders".padEnd(20), fn, "logistic", (100 * flr / fn).toFixed(1), "boosted", (100 * fgb / fn).toFixed(1), JSON.stringify(opts), "W", W);
