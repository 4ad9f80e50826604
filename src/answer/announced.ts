import type { IndexedParagraph } from "../index-store/load.js";
import type { RankedUnit } from "./model.js";
import { answerUnits } from "./units.js";

/**
 * A list announced by a colon is read out up to this many items: enough for the lists users ask
 * for (the longest one a question of the tuning sets needs has 6 items), while an answer stays
 * short — a longer list is better read at its source, which the citations link to.
 */
const MAX_ANNOUNCED_ITEMS = 10;

const ANNOUNCES = /:\s*$/;

/** The list items, or the one code block, that a paragraph ending with a colon announces. */
function announcedBy(paragraph: IndexedParagraph, document: IndexedParagraph[]): IndexedParagraph[] {
  const next = document[paragraph.n];
  if (!next || !ANNOUNCES.test(paragraph.text)) return [];
  if (next.kind === "code") return [next];
  const items: IndexedParagraph[] = [];
  for (let i = paragraph.n; i < document.length && document[i]!.kind === "list-item" && items.length < MAX_ANNOUNCED_ITEMS; i++) items.push(document[i]!);
  return items;
}

/** The paragraph before a code block, when it ends with a colon: the code's introduction. */
function introductionOf(code: IndexedParagraph, document: IndexedParagraph[]): IndexedParagraph | undefined {
  const before = document[code.n - 2];
  return before && before.kind !== "code" && before.kind !== "heading" && ANNOUNCES.test(before.text) ? before : undefined;
}

/**
 * A paragraph that ends with a colon announces what follows it ("The currently supported list of
 * options is:", "To read a query parameter, use request.query:"), and alone says nothing: an answer
 * drawn from it carries its last sentence and what it announces; an answer of code carries the
 * sentence that introduces the code. Added units rank as the unit that brought them.
 */
export function withAnnounced(chosen: RankedUnit[], documentOf: (file: string) => IndexedParagraph[]): RankedUnit[] {
  const result: RankedUnit[] = [];
  const same = (a: RankedUnit, b: RankedUnit) => a.paragraph.file === b.paragraph.file && a.paragraph.n === b.paragraph.n && a.index === b.index;
  const add = (unit: RankedUnit) => {
    if (!result.some((u) => same(u, unit))) result.push(unit);
  };
  const as = (from: RankedUnit, paragraph: IndexedParagraph, which: "all" | "last"): RankedUnit[] => {
    const units = answerUnits(paragraph);
    return (which === "last" ? units.slice(-1) : units).map((u) => ({ ...from, ...u, logit: from.logit, probability: from.probability }));
  };
  for (const unit of chosen) {
    const document = documentOf(unit.paragraph.file);
    if (unit.paragraph.kind === "code") {
      const intro = introductionOf(unit.paragraph, document);
      if (intro) for (const u of as(unit, intro, "last")) add(u);
      add(unit);
      continue;
    }
    add(unit);
    const announced = announcedBy(unit.paragraph, document);
    if (announced.length === 0) continue;
    for (const u of as(unit, unit.paragraph, "last")) add(u);
    for (const p of announced) for (const u of as(unit, p, "all")) add(u);
  }
  return result;
}
