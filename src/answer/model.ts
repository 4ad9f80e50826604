import type { AnswerType } from "../retrieval/question.js";
import { type FeaturedUnit, UNIT_FEATURES } from "./features.js";
import { type LogisticModel, logit, sigmoid } from "./logistic.js";

/**
 * The learned answerer, as `npm run train` writes it (models/answerer.json): a ranker over
 * answer units and an answerability model that gives the probability that the best unit
 * answers the question, with the threshold chosen on held-out folds by the rule it names.
 */
export interface AnswerModel {
  version: 1;
  /** What it was fitted on and how its settings were chosen, for anyone reading the file. */
  trainedOn: string;
  /** Orders the paragraphs retrieval found (see retrieval/paragraph-ranker.ts). */
  paragraphFeatures: string[];
  paragraphRanker: LogisticModel;
  unitFeatures: string[];
  ranker: LogisticModel;
  answerFeatures: string[];
  answerability: LogisticModel;
  /** Answer when the answerability probability is at least this. */
  threshold: number;
  thresholdRule: string;
  /** Further units join the answer when their ranker probability is at least this share of the best one's. */
  keepRatio: number;
  /**
   * The least share of a question's concepts (bestCoverParagraph) that any training question with
   * an answer retrieved had stated by its best retrieved paragraph: below it, training never saw an
   * answer, and the answerability model's straight line is extrapolating (2,000 characters of lorem
   * ipsum, 4 % of its words found, were given 0.49 and answered). There the answerer refuses.
   * `npm run train` measures it; absent in older model files, which then never refuse on it.
   */
  minCoverage?: number;
}

export interface RankedUnit extends FeaturedUnit {
  /** The ranker's log-odds that this unit holds the answer. */
  logit: number;
  probability: number;
}

const ANSWER_TYPES: AnswerType[] = ["number", "time", "person", "place", "cause", "thing"];

/** Per question, from the ranked units: how sure the ranker is, and what the best unit leaves out. */
export const ANSWER_FEATURES = [
  "topLogit",
  "margin",
  "topCoverExact",
  "topCoverSoft",
  "topCoverParagraph",
  "topAlignMin",
  "topNamesMissing",
  "topNumbersMissing",
  "topRarestMissing",
  "topNegationMismatch",
  "topTypeFound",
  "bestCoverParagraph",
  "rarestMissingEverywhere",
  "questionWords",
  "topCoverAround",
  "topCoverContext",
  "topFragment",
  "topCode",
  "asksHowTo",
  "topRelevance", // the paragraph ranker's probability for the best unit's paragraph
  "bestRelevance", // …for the best retrieved paragraph: did retrieval find anything that answers?
  "relevanceMargin", // …over the second-best paragraph's
  "topNamesMissingDocument", // the question's names the best unit's document never states
  ...ANSWER_TYPES.map((t) => `asks:${t}`),
] as const;

const column = (name: (typeof UNIT_FEATURES)[number]) => UNIT_FEATURES.indexOf(name);

export function rankUnits(model: Pick<AnswerModel, "ranker">, units: FeaturedUnit[]): RankedUnit[] {
  return units
    .map((u) => {
      const z = logit(model.ranker, u.features);
      return { ...u, logit: z, probability: sigmoid(z) };
    })
    .sort((a, b) => b.logit - a.logit);
}

/**
 * The margin of a unit with no rival (a folder of one short paragraph): a clear lead. No training
 * question has one (all 8,015 rank at least two units), so it is not fitted; 5 log-odds is past
 * the 99th percentile of the margins training saw (median 0.9, 99th percentile 4.1, largest 6.1,
 * model v12's ranker over its training rows).
 */
const LONE_UNIT_MARGIN = 5;

export function answerFeatures(ranked: RankedUnit[], answerType: AnswerType): number[] {
  const top = ranked[0]!;
  const second = ranked[1];
  const f = (name: (typeof UNIT_FEATURES)[number]) => top.features[column(name)]!;
  // The rarest question word that no retrieved paragraph holds ("Heroku" in a docs folder without it).
  const rarestMissingEverywhere = Math.min(...ranked.map((u) => u.features[column("rarestMissing")]!));
  // One value per retrieved paragraph (its units share it), best first.
  const relevances = [...new Set(ranked.map((u) => u.features[column("paragraphRelevance")]!))].sort((a, b) => b - a);
  return [
    top.logit,
    second ? top.logit - second.logit : LONE_UNIT_MARGIN,
    f("coverExact"),
    f("coverSoft"),
    f("coverParagraph"),
    f("alignMin"),
    f("namesMissing"),
    f("numbersMissing"),
    f("rarestMissing"),
    f("negationMismatch"),
    f("typeFound"),
    Math.max(...ranked.map((u) => u.features[column("coverParagraph")]!)),
    rarestMissingEverywhere,
    f("questionWords"),
    f("coverAround"),
    f("coverContext"),
    f("fragment"),
    f("code"),
    f("asksHowTo"),
    f("paragraphRelevance"),
    relevances[0] ?? 0,
    (relevances[0] ?? 0) - (relevances[1] ?? 0),
    f("namesMissingDocument"),
    ...ANSWER_TYPES.map((t) => (t === answerType ? 1 : 0)),
  ];
}

const BEST_COVER = ANSWER_FEATURES.indexOf("bestCoverParagraph");

/** The probability that the best unit answers: 0 where no retrieved paragraph states as much of the question as any training answer did (minCoverage). */
export function answerability(model: AnswerModel, ranked: RankedUnit[], answerType: AnswerType): number {
  const features = answerFeatures(ranked, answerType);
  if (model.minCoverage !== undefined && features[BEST_COVER]! < model.minCoverage) return 0;
  return sigmoid(logit(model.answerability, features));
}
