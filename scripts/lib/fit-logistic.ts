import { Matrix, solve } from "ml-matrix";
import type { LogisticModel } from "../../src/answer/logistic.js";

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least
 * squares) with ml-matrix for the linear algebra: exact, deterministic (the same data gives the
 * same bytes, which `npm run train` promises) and a few seconds for 200k rows. ml-logistic-regression
 * was tried first: it has no intercept and no regularisation, and takes a fixed 50,000 gradient
 * steps, which at this size would take hours.
 */
export interface FitOptions {
  /** L2 penalty on the standardised weights (not the bias). */
  l2: number;
  /** Per-row weights (default 1). */
  rowWeights?: number[];
  /**
   * Per feature, the sign its weight may take: -1 never above 0, 1 never below 0, 0 free. A
   * weight that leaves its sign is held at 0 (`signConstrained`).
   */
  signs?: number[];
}

/** Newton's method stops after this many steps, or once no weight moves by more than TOLERANCE. */
export const MAX_ITERATIONS = 25;
export const TOLERANCE = 1e-9;

export function standardiser(rows: number[][]): { mean: number[]; scale: number[] } {
  const d = rows[0]!.length;
  const mean = new Array<number>(d).fill(0);
  const sq = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j]! += r[j]!;
  for (let j = 0; j < d; j++) mean[j]! /= rows.length;
  for (const r of rows) for (let j = 0; j < d; j++) sq[j]! += (r[j]! - mean[j]!) ** 2;
  // A constant feature gets scale 1: it then adds nothing, and nothing divides by zero.
  const scale = sq.map((s) => Math.sqrt(s / rows.length) || 1);
  return { mean, scale };
}

export function fitLogistic(rows: number[][], labels: number[], options: FitOptions): LogisticModel {
  return options.signs?.some((s) => s !== 0) ? signConstrained(rows, labels, options, options.signs) : fitFree(rows, labels, options, new Set());
}

/**
 * A fit whose weights keep their signs, by an active set: fit, hold the feature that most breaks
 * its sign at 0, fit again, until none does. A held feature never returns (the greedy form of the
 * Lawson–Hanson active set; at most one refit per constrained feature, deterministic).
 */
function signConstrained(rows: number[][], labels: number[], options: FitOptions, signs: number[]): LogisticModel {
  const held = new Set<number>();
  for (;;) {
    const model = fitFree(rows, labels, options, held);
    let worst = -1;
    let worstBreach = 0;
    model.weights.forEach((w, j) => {
      const breach = -(signs[j] ?? 0) * w;
      if (breach > worstBreach) [worst, worstBreach] = [j, breach];
    });
    if (worst < 0) return model;
    held.add(worst);
  }
}

function fitFree(rows: number[][], labels: number[], options: FitOptions, held: ReadonlySet<number>): LogisticModel {
  const { mean, scale } = standardiser(rows);
  const d = mean.length;
  // A held feature's column is 0: its weight sees only the penalty and stays at 0.
  const x = rows.map((r) => [...r.map((v, j) => (held.has(j) ? 0 : (v - mean[j]!) / scale[j]!)), 1]);
  const weightOf = (i: number) => options.rowWeights?.[i] ?? 1;
  let w = new Array<number>(d + 1).fill(0);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const gradient = new Array<number>(d + 1).fill(0);
    const h = Array.from({ length: d + 1 }, () => new Float64Array(d + 1));
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      let z = 0;
      for (let j = 0; j <= d; j++) z += w[j]! * xi[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const c = weightOf(i);
      const err = c * (p - labels[i]!);
      const curvature = c * p * (1 - p);
      for (let j = 0; j <= d; j++) {
        gradient[j]! += err * xi[j]!;
        const row = h[j]!;
        const a = curvature * xi[j]!;
        for (let k = j; k <= d; k++) row[k]! += a * xi[k]!;
      }
    }
    for (let j = 0; j <= d; j++) {
      for (let k = 0; k < j; k++) h[j]![k] = h[k]![j]!;
      if (j < d) {
        h[j]![j]! += options.l2;
        gradient[j]! += options.l2 * w[j]!;
      }
    }
    const step = solve(new Matrix(h.map((r) => Array.from(r))), Matrix.columnVector(gradient)).to1DArray();
    w = w.map((v, j) => v - step[j]!);
    if (Math.max(...step.map(Math.abs)) < TOLERANCE) break;
  }
  return { mean, scale, weights: w.slice(0, d), bias: w[d]! };
}

/** Lists of items with labels (a question's answer units, its retrieval pool), weighted per list. */
export interface LabeledList {
  features: number[][];
  labels: number[];
  weight: number;
}

/** One fit over every item of every list, each item weighing what its list does. */
export function fitOverLists(lists: LabeledList[], l2: number): LogisticModel {
  const x: number[][] = [];
  const y: number[] = [];
  const rowWeights: number[] = [];
  for (const list of lists) {
    list.features.forEach((f, i) => {
      x.push(f);
      y.push(list.labels[i]!);
      rowWeights.push(list.weight);
    });
  }
  return fitLogistic(x, y, { l2, rowWeights });
}
