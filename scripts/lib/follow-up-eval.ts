import { readFile } from "node:fs/promises";
import { paragraphLookup } from "../../src/answer/verify.js";
import type { AskService } from "../../src/service.js";
import { type Metrics, type Outcome, score } from "../../src/eval/metrics.js";
import type { EvalItem } from "../../src/eval/question-set.js";
import type { Answer } from "../../src/types.js";
import type { SetItem } from "./labeled-sets.js";

/**
 * datasets/seeds/follow-ups.json: two-turn conversations written before the system was run on
 * them. `question` is the second turn; `first` is asked before it and its answer becomes the history.
 */
export interface FollowUpItem extends SetItem {
  kind: "follow-up" | "self-contained" | "unanswerable";
  split: "dev" | "heldout";
  first: string;
}

export async function readFollowUps(path: string): Promise<FollowUpItem[]> {
  return JSON.parse(await readFile(path, "utf8")) as FollowUpItem[];
}

export interface FollowUpReport {
  split: string;
  /** The follow-ups (answerable and not) answered with the first turn as history. */
  withHistory: Metrics;
  /** The same words asked alone. */
  alone: Metrics;
  /** The self-contained second questions, answered with the first turn as history. */
  selfContainedScore: Metrics;
  /** Self-contained second questions whose answer with history is byte-identical to alone. */
  selfContainedUnchanged: number;
  selfContained: number;
  /** Follow-ups the system read as follow-ups (completed from the first turn). */
  completed: number;
  followUps: number;
  /** id → the standalone question answered, for reading the dev half. */
  standalone: Record<string, string>;
}

/** Answers every pair both ways, one report per split. */
export async function evaluateFollowUps(
  service: AskService,
  items: FollowUpItem[],
  toEval: (item: SetItem) => EvalItem,
): Promise<FollowUpReport[]> {
  const lookup = paragraphLookup((file) => service.document(file));
  const reports: FollowUpReport[] = [];
  for (const split of ["dev", "heldout"] as const) {
    const chosen = items.filter((i) => i.split === split);
    const withHistory: Outcome[] = [];
    const alone: Outcome[] = [];
    const selfContained: Outcome[] = [];
    let unchanged = 0;
    let completed = 0;
    const standalone: Record<string, string> = {};
    for (const item of chosen) {
      const evalItem = toEval(item);
      const first = await service.answer(item.first);
      const history = [{ question: item.first, answer: first.answer }];
      const [given, gms] = await timed(() => service.answer(item.question, { history }));
      const [solo, sms] = await timed(() => service.answer(item.question));
      if (item.kind === "self-contained") selfContained.push(await outcome(service, evalItem, given, gms));
      else {
        withHistory.push(await outcome(service, evalItem, given, gms));
        alone.push(await outcome(service, evalItem, solo, sms));
      }
      if (given.question) standalone[item.id] = given.question;
      if (item.kind === "self-contained" && JSON.stringify(given) === JSON.stringify(solo)) unchanged++;
      if (item.kind !== "self-contained" && given.question) completed++;
    }
    reports.push({
      split,
      withHistory: score(withHistory, lookup),
      alone: score(alone, lookup),
      selfContainedScore: score(selfContained, lookup),
      selfContainedUnchanged: unchanged,
      selfContained: chosen.filter((i) => i.kind === "self-contained").length,
      completed,
      followUps: chosen.filter((i) => i.kind !== "self-contained").length,
      standalone,
    });
  }
  return reports;
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
}

async function outcome(service: AskService, item: EvalItem, answer: Answer, ms: number): Promise<Outcome> {
  const retrieved = (await service.retrieve(answer.question ?? item.question)).map((p) => ({ file: p.file, from: p.n, to: p.n }));
  return { item, answer: answer.answer, abstained: answer.abstained, citations: answer.citations, retrieved, ms };
}

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(0)}%`);

export function followUpTable(r: FollowUpReport): string {
  const title = r.split === "dev" ? "dev half (read to develop follow-up handling)" : "held-out half (never read to change code)";
  const rows: [string, (m: Metrics) => number | null][] = [
    ["correct + cited", (m) => m.correctCited],
    ["answer correctness", (m) => m.correctness],
    ["citation hit", (m) => m.citationHit],
    ["abstention accuracy", (m) => m.abstentionAccuracy],
    ["false abstention", (m) => m.falseAbstention],
    ["retrieval recall@5", (m) => m.recallAt5],
  ];
  return [
    `\nfollow-ups · ${title}: ${r.withHistory.questions} follow-ups (${r.withHistory.answerable} answerable), ${r.selfContained} self-contained second questions`,
    `  ${"metric".padEnd(22)}${"with history".padStart(14)}${"asked alone".padStart(13)}`,
    ...rows.map(([label, get]) => `  ${label.padEnd(22)}${pct(get(r.withHistory)).padStart(14)}${pct(get(r.alone)).padStart(13)}`),
    `  self-contained, with history: correct + cited ${pct(r.selfContainedScore.correctCited)}; answer byte-identical to alone ${r.selfContainedUnchanged}/${r.selfContained}; misses ${r.selfContainedScore.misses.join(" ") || "none"}`,
    `  follow-ups (incl. unanswerable) read as follow-ups: ${r.completed}/${r.followUps}`,
    `  misses with history: ${r.withHistory.misses.join(" ") || "none"}`,
    `  misses alone: ${r.alone.misses.join(" ") || "none"}`,
  ].join("\n");
}
