import { contentTerms } from "../text/terms.js";
import type { RankedUnit } from "./model.js";

/**
 * At most this many units answer one question: a short answer, not a reading list. A product
 * choice, not a fit; within it, how many join is learnt (keepRatio, chosen by `npm run train`).
 */
export const MAX_UNITS = 3;

function overlap(a: string, b: string): number {
  const x = new Set(contentTerms(a));
  const y = new Set(contentTerms(b));
  const shared = [...x].filter((t) => y.has(t)).length;
  return shared / Math.max(1, Math.min(x.size, y.size));
}

/**
 * A unit that shares more than this share of its content words with one already chosen says it
 * again: left out. Set by hand in the first round (commit 2bc3ef3) and not tuned; it only drops
 * repetition, never the best unit.
 */
const NEAR_DUPLICATE = 0.6;

const ANAPHOR = /^(?:They|This|These|That|Those|It|Such|Its|Their|He|She|His|Her)\b/;

/**
 * A chosen sentence that opens with "They…"/"This…" is unreadable alone: bring in the sentence
 * before it, and a chosen sentence followed by such a sentence brings that one along, since it
 * usually carries the substance ("They offer financing terms…").
 */
function withAntecedents(chosen: RankedUnit[], ranked: RankedUnit[]): RankedUnit[] {
  const sibling = (u: RankedUnit, offset: number) => ranked.find((r) => r.paragraph === u.paragraph && r.index === u.index + offset);
  const result: RankedUnit[] = [];
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
function inReadingOrder(units: RankedUnit[]): RankedUnit[] {
  const first = new Map<unknown, number>();
  units.forEach((u, i) => first.set(u.paragraph, first.get(u.paragraph) ?? i));
  return [...units].sort((a, b) => first.get(a.paragraph)! - first.get(b.paragraph)! || a.index - b.index);
}

/**
 * The best unit and those the ranker rates nearly as likely (within keepRatio of it) that add
 * something new, best first. `npm run train` chooses keepRatio by this very rule.
 */
export function chooseUnits<U extends { probability: number; display: string }>(ranked: U[], keepRatio: number): U[] {
  const best = ranked[0];
  if (!best) return [];
  const chosen = [best];
  for (const unit of ranked.slice(1)) {
    if (chosen.length >= MAX_UNITS || unit.probability < best.probability * keepRatio) break;
    if (chosen.some((c) => overlap(c.display, unit.display) > NEAR_DUPLICATE)) continue;
    chosen.push(unit);
  }
  return chosen;
}

/** The units that answer: those chosen, with the sentences they lean on, in reading order. */
export function selectUnits(ranked: RankedUnit[], keepRatio: number): RankedUnit[] {
  return inReadingOrder(withAntecedents(chooseUnits(ranked, keepRatio), ranked));
}
