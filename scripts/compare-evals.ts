// Developer tool: two `npm run eval -- --json` runs over the same sets compared question by
// question (see src/eval/paired.ts): per set and summed, the questions the second run lost and
// gained, and the exact McNemar p-value. npx tsx scripts/compare-evals.ts [--answering-all] before.json after.json
// --answering-all compares what each model gets right when it answers every question (its ranking
// and composition, wherever its threshold landed) instead of what it answered.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { type PairedComparison, type RunOutcome, combinePaired, comparePaired } from "../src/eval/paired.js";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { "answering-all": { type: "boolean", default: false } } });
const [beforePath, afterPath] = positionals;
if (!beforePath || !afterPath) throw new Error("usage: npx tsx scripts/compare-evals.ts [--answering-all] before.json after.json (each from npm run eval -- --json)");
const runOf = values["answering-all"] ? "answeringAll" : "ours";

type Report = Record<string, { ours?: RunOutcome; answeringAll?: RunOutcome }>;
const read = async (path: string) => JSON.parse(await readFile(path, "utf8")) as Report;
const [before, after] = await Promise.all([read(beforePath), read(afterPath)]);

const line = (name: string, c: PairedComparison) =>
  `  ${name.padEnd(72)} ${String(c.questions).padStart(4)} questions  lost ${String(c.lost).padStart(3)}  gained ${String(c.gained).padStart(3)}  p ${c.p.toFixed(3)}`;
const compared: PairedComparison[] = [];
const lines: string[] = [];
for (const [name, run] of Object.entries(before)) {
  const mine = run[runOf];
  const other = after[name]?.[runOf];
  if (!mine || !other) continue;
  const c = comparePaired(mine, other);
  compared.push(c);
  lines.push(line(name, c));
}
if (!compared.length) throw new Error("the two runs share no question set");
// A set only one run scored is left out of the sum, and said so: a total over different sets misleads.
const scored = (report: Report) => Object.keys(report).filter((name) => report[name]?.[runOf]);
const alone = [...scored(before).filter((n) => !after[n]?.[runOf]), ...scored(after).filter((n) => !before[n]?.[runOf])];
if (alone.length) lines.push(`  (scored by one run only, left out: ${alone.join("; ")})`);
process.stdout.write(`${[`${afterPath} against ${beforePath}:`, ...lines, line("all sets", combinePaired(compared))].join("\n")}\n`);
