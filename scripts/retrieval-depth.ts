// Developer tool: how deep a support paragraph sits in each retrieval list and in the ranked
// candidates, for a line-range question set over a folder (what POOL_DEPTH was chosen from).
// A set looked at this way is a tuning set from then on.
// npx tsx scripts/retrieval-depth.ts <corpus dir> <set.json> [model.json]
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { AnswerModel } from "../src/answer/model.js";
import { type SetItem, supported } from "./lib/labeled-sets.js";
import { openCorpus } from "./lib/open-corpus.js";

const [corpus = "", set = "", modelPath] = process.argv.slice(2);
const model = modelPath ? (JSON.parse(await readFile(modelPath, "utf8")) as AnswerModel) : undefined;
const answerer = await openCorpus(resolve(corpus), model);
const items = (JSON.parse(await readFile(set, "utf8")) as SetItem[]).filter((i) => i.support.length);
const ranks: Record<"ranked" | "dense" | "lexical", number[]> = { ranked: [], dense: [], lexical: [] };
let inPool = 0;
for (const item of items) {
  const isSupport = (p: Parameters<typeof supported>[1]) => supported(item.support, p);
  const { pool } = await answerer.retriever.pool(item.question);
  const { candidates } = await answerer.retrieve(item.question, pool.length);
  const order = (score: (p: (typeof pool)[number]) => number) => pool.filter((p) => score(p) > 0).sort((a, b) => score(b) - score(a));
  ranks.ranked.push(candidates.findIndex((c) => isSupport(c.paragraph)));
  ranks.dense.push(order((p) => p.dense).findIndex((p) => isSupport(p.paragraph)));
  ranks.lexical.push(order((p) => p.lexical).findIndex((p) => isSupport(p.paragraph)));
  if (pool.some((p) => isSupport(p.paragraph))) inPool++;
}
const within = (list: number[], k: number) => `${((100 * list.filter((r) => r >= 0 && r < k).length) / list.length).toFixed(0)}%`;
for (const [name, list] of Object.entries(ranks)) console.log(`${name.padEnd(8)} ${[1, 5, 10, 20, 50].map((k) => `@${k} ${within(list, k)}`).join("  ")}`);
console.log(`in the pool: ${((100 * inPool) / items.length).toFixed(0)}% of ${items.length} answerable questions`);
