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
  const { mean, scale } = standardiser(rows);
  const d = mean.length;
  const x = rows.map((r) => [...r.map((v, j) => (v - mean[j]!) / scale[j]!), 1]);
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
