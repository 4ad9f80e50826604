// Developer tool: two `npm run eval -- --json` runs over the same sets compared question by
// question (see src/eval/paired.ts): per set and summed, the questions the second run lost and
// gained, and the exact McNemar p-value. npx tsx scripts/compare-evals.ts before.json after.json
import { readFile } from "node:fs/promises";
import { type PairedComparison, type RunOutcome, combinePaired, comparePaired } from "../src/eval/paired.js";

const [beforePath, afterPath] = process.argv.slice(2);
if (!beforePath || !afterPath) throw new Error("usage: npx tsx scripts/compare-evals.ts before.json after.json (each from npm run eval -- --json)");

type Report = Record<string, { ours?: RunOutcome }>;
const read = async (path: string) => JSON.parse(await readFile(path, "utf8")) as Report;
const [before, after] = await Promise.all([read(beforePath), read(afterPath)]);

const line = (name: string, c: PairedComparison) =>
  `  ${name.padEnd(72)} ${String(c.questions).padStart(4)} questions  lost ${String(c.lost).padStart(3)}  gained ${String(c.gained).padStart(3)}  p ${c.p.toFixed(3)}`;
const compared: PairedComparison[] = [];
const lines: string[] = [];
for (const [name, run] of Object.entries(before)) {
  const other = after[name]?.ours;
  if (!run.ours || !other) continue;
  const c = comparePaired(run.ours, other);
  compared.push(c);
  lines.push(line(name, c));
}
if (!compared.length) throw new Error("the two runs share no question set");
// A set only one run scored is left out of the sum, and said so: a total over different sets misleads.
const scored = (report: Report) => Object.keys(report).filter((name) => report[name]?.ours);
const alone = [...scored(before).filter((n) => !after[n]?.ours), ...scored(after).filter((n) => !before[n]?.ours)];
if (alone.length) lines.push(`  (scored by one run only, left out: ${alone.join("; ")})`);
process.stdout.write(`${[`${afterPath} against ${beforePath}:`, ...lines, line("all sets", combinePaired(compared))].join("\n")}\n`);
