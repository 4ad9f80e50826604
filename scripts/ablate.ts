// Developer tool: what each feature family buys. Reads the rows `TRAIN_ROWS=<folder> npm run train`
// cached, refits with one family's features held at zero, and reports held-out figures: every
// question judged by models that never saw its article or folder (crossFit), the threshold chosen
// by the training rule. npx tsx scripts/ablate.ts <rows folder> [corpus-set weight]
import { UNIT_FEATURES, type UnitFeatureName } from "../src/answer/features.js";
import { cachedRows } from "./lib/row-cache.js";
import { CORPUS_SETS } from "./lib/set-rows.js";
import { type Judged, type TrainingRow, chooseThreshold, crossFit, heldOutScore, riskCoverage } from "./lib/training.js";

/** The feature families of issue 10, by the evidence they read. */
const FAMILIES: Record<string, UnitFeatureName[]> = {
  "IDF-weighted coverage": ["coverExact", "coverSoft", "coverAround", "coverParagraph", "coverWindow", "coverRelative", "coverContext"],
  bigrams: ["bigrams"],
  "word vectors": ["alignMean", "alignMin", "vectorCosine", "alignRelative", "cosineRelative"],
  "answer type (wink-nlp)": ["typeAsked", "typeFound", "numberFound", "timeFound", "nameFound"],
  "missing constraints": ["namesStated", "namesMissing", "numbersMissing", "rarestMissing", "namesMissingDocument"],
  negation: ["negationMismatch"],
  "retrieval ranks and margins": ["paragraphRank", "lexicalRelative"],
  "paragraph ranker's probability": ["paragraphRelevance", "relevanceRelative"],
  "document layout (lists, tables, code)": ["firstUnit", "fragment", "code", "listItem", "tableRow", "asksHowTo", "howToCode", "introducesCode"],
  "unit shape": ["novelShare", "length", "questionWords"],
};

const [folder, weightArg = "20"] = process.argv.slice(2);
if (!folder) throw new Error("usage: npx tsx scripts/ablate.ts <rows folder> [corpus-set weight]");
const missing = async (): Promise<TrainingRow[]> => {
  throw new Error(`no cached rows in ${folder}: run TRAIN_ROWS=${folder} npm run train first`);
};
const groups = CORPUS_SETS.map((s) => s.group);
const rows = await cachedRows(folder, "squad", missing);
for (const g of groups) rows.push(...(await cachedRows(folder, g, missing)));
for (const r of rows) if (groups.includes(r.group)) r.weight = Number(weightArg);
// Eleven articles as three folds (by article order) instead of eleven: each ablation then costs
// seven fits rather than fifteen, and an article is still never ranked by a model that saw it.
const articles = [...new Set(rows.filter((r) => !groups.includes(r.group)).map((r) => r.group))];
for (const r of rows) if (!groups.includes(r.group)) r.group = `squad-${articles.indexOf(r.group) % 3}`;

function withoutFamily(names: UnitFeatureName[]): TrainingRow[] {
  const columns = names.map((n) => UNIT_FEATURES.indexOf(n));
  return rows.map((r) => ({
    ...r,
    units: r.units.map((u) => {
      const features = [...u.features];
      for (const c of columns) features[c] = 0;
      return { ...u, features };
    }),
  }));
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
function report(name: string, judged: Judged[]): void {
  const threshold = chooseThreshold(riskCoverage(judged, groups)).threshold;
  const part = (inFolder: boolean) => {
    const js = judged.filter((j) => groups.includes(j.row.group) === inFolder);
    const answerable = js.filter((j) => j.row.answerable);
    const unanswerable = js.filter((j) => !j.row.answerable);
    const top1 = answerable.filter((j) => j.topCorrect).length / Math.max(1, answerable.length);
    const hit = answerable.filter((j) => j.topCorrect && j.probability >= threshold).length / Math.max(1, answerable.length);
    const abstain = unanswerable.filter((j) => j.probability < threshold).length / Math.max(1, unanswerable.length);
    return `${pct(top1)} | ${pct(hit)} | ${pct(abstain)}`;
  };
  console.log(`| ${name} | ${part(false)} | ${part(true)} | ${pct(heldOutScore(judged, threshold, groups).score)} |`);
}

console.log(`Held-out folds (${rows.length} questions; folder sets weigh ${weightArg}); threshold by the training rule.\n`);
console.log("| without | SQuAD top-1 | SQuAD hit after abstention | SQuAD no-answer abstained | folders top-1 | folders hit after abstention | folders abstained | held-out score |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
report("(nothing: all features)", crossFit(rows));
for (const [family, names] of Object.entries(FAMILIES)) report(family, crossFit(withoutFamily(names)));
