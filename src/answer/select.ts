import { contentTerms } from "../text/terms.js";
import type { UnitScore } from "./score.js";
import type { AnswerUnit } from "./units.js";

export interface ScoredUnit extends AnswerUnit {
  scores: UnitScore;
}

/**
 * Calibrated on tests/questions.json and ../shared/eval/dev.json (see scripts/calibrate.ts):
 * below MIN_COVERAGE the best unit leaves too much of the question unaddressed to answer it.
 */
const MIN_COVERAGE = 0.45;
const MIN_SCORE = 0.3;
/** …and the names the question asks about (Thailand, OSA) must, on average, be mentioned this much. */
const MIN_NAMES = 0.5;

function answers(unit: ScoredUnit): boolean {
  return unit.scores.coverage >= MIN_COVERAGE && unit.scores.score >= MIN_SCORE && unit.scores.names >= MIN_NAMES;
}

/** Further units join the answer when they score this close to the best one… */
const KEEP_RATIO = 0.9;
/** …or, as the sentence next to the best one in its paragraph, this close (explanations span sentences). */
const NEIGHBOUR_RATIO = 0.65;
const MAX_UNITS = 3;

function overlap(a: string, b: string): number {
  const x = new Set(contentTerms(a));
  const y = new Set(contentTerms(b));
  const shared = [...x].filter((t) => y.has(t)).length;
  return shared / Math.max(1, Math.min(x.size, y.size));
}

const ANAPHOR = /^(?:They|This|These|That|Those|It|Such|Its|Their)\b/;

/**
 * A chosen sentence that opens with "They…"/"This…" is unreadable alone: bring in the sentence
 * before it, and a chosen sentence followed by such a sentence brings that one along, since it
 * usually carries the substance ("They offer financing terms…").
 */
function withAntecedents(chosen: ScoredUnit[], ranked: ScoredUnit[]): ScoredUnit[] {
  const sibling = (u: ScoredUnit, offset: number) =>
    ranked.find((r) => r.paragraph === u.paragraph && r.index === u.index + offset);
  const result: ScoredUnit[] = [];
  for (const unit of chosen) {
    const before = ANAPHOR.test(unit.display) ? sibling(unit, -1) : undefined;
    const after = sibling(unit, 1);
    for (const u of [before, unit, after && ANAPHOR.test(after.display) ? after : undefined]) {
      if (u && !result.includes(u)) result.push(u);
    }
  }
  return result.slice(0, MAX_UNITS + 1);
}

/** Best paragraph first, but sentences of one paragraph in the order the document has them. */
function inReadingOrder(units: ScoredUnit[]): ScoredUnit[] {
  const first = new Map<unknown, number>();
  units.forEach((u, i) => first.set(u.paragraph, first.get(u.paragraph) ?? i));
  return [...units].sort((a, b) => first.get(a.paragraph)! - first.get(b.paragraph)! || a.index - b.index);
}

/** The best unit and those nearly as good that add something new, in reading order. */
export function selectUnits(ranked: ScoredUnit[]): ScoredUnit[] {
  const best = ranked[0];
  if (!best || !answers(best)) return [];
  const chosen = [best];
  const neighbour = ranked.find(
    (u) => u.paragraph === best.paragraph && Math.abs(u.index - best.index) === 1 && u.scores.score >= best.scores.score * NEIGHBOUR_RATIO,
  );
  if (neighbour) chosen.push(neighbour);
  for (const unit of ranked.slice(1)) {
    if (chosen.length >= MAX_UNITS || unit.scores.score < best.scores.score * KEEP_RATIO) break;
    if (!answers(unit)) continue;
    if (chosen.some((c) => overlap(c.display, unit.display) > 0.6)) continue;
    // One unit per paragraph, unless it continues one already chosen.
    if (chosen.some((c) => c.paragraph === unit.paragraph && Math.abs(c.index - unit.index) !== 1)) continue;
    chosen.push(unit);
  }
  return inReadingOrder(withAntecedents(chosen, ranked));
}
