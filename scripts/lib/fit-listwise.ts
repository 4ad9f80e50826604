import { Matrix, solve } from "ml-matrix";
import { type LogisticModel, logit } from "../../src/answer/logistic.js";
import { type LabeledList, MAX_ITERATIONS, TOLERANCE, fitOverLists, standardiser } from "./fit-logistic.js";

/** Each candidate's score under weights w. */
const scoresOf = (xs: number[][], w: number[]) => xs.map((x) => x.reduce((z, v, j) => z + w[j]! * v, 0));
const countOf = (labels: number[]) => labels.reduce((a, b) => a + b, 0);

/** The Newton step at w: the loss's Hessian solved against its gradient. */
function newtonStep(taught: LabeledList[], standardised: number[][][], w: number[], l2: number): number[] {
  const d = w.length;
  const gradient = w.map((v) => l2 * v);
  const h = Array.from({ length: d }, (_, j) => {
    const row = new Float64Array(d);
    row[j] = l2;
    return row;
  });
  taught.forEach((list, q) => {
    const xs = standardised[q]!;
    const scores = scoresOf(xs, w);
    const top = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - top));
    const total = e.reduce((a, b) => a + b, 0);
    const positives = countOf(list.labels);
    const mean = new Float64Array(d);
    xs.forEach((x, i) => {
      const p = e[i]! / total;
      const err = list.weight * (p - list.labels[i]! / positives);
      for (let j = 0; j < d; j++) {
        gradient[j]! += err * x[j]!;
        mean[j]! += p * x[j]!;
        const a = list.weight * p * x[j]!;
        const row = h[j]!;
        for (let k = j; k < d; k++) row[k]! += a * x[k]!;
      }
    });
    // The softmax's curvature is the candidates' covariance: Σ p x xᵀ − x̄ x̄ᵀ.
    for (let j = 0; j < d; j++) for (let k = j; k < d; k++) h[j]![k]! -= list.weight * mean[j]! * mean[k]!;
  });
  for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) h[j]![k] = h[k]![j]!;
  return solve(new Matrix(h.map((r) => Array.from(r))), Matrix.columnVector(gradient)).to1DArray();
}

/**
 * A ranker fitted to what ranking is for: that an answer comes first. A conditional logit (a
 * softmax over each question's candidates, the answers sharing the target) fitted by Newton's
 * method, so a question with 200 candidates counts as one question, not 200 rows, and nothing is
 * spent on telling one question's candidates from another's. It fixes only the ranking; a
 * one-feature logistic fit of the labels on its score (Platt scaling) then sets the scale and
 * bias, so the result is a LogisticModel whose probabilities are calibrated per candidate, as
 * answering reads them. Questions with no answer among their candidates teach it nothing.
 */
export function fitListwise(lists: LabeledList[], l2: number): LogisticModel {
  const taught = lists.filter((l) => l.labels.includes(1) && l.features.length > 1);
  const { mean, scale } = standardiser(taught.flatMap((l) => l.features));
  const d = mean.length;
  const standardised = taught.map((l) => l.features.map((f) => f.map((v, j) => (v - mean[j]!) / scale[j]!)));
  const loss = (w: number[]) =>
    taught.reduce((sum, list, q) => {
      const scores = scoresOf(standardised[q]!, w);
      const top = Math.max(...scores);
      const logTotal = top + Math.log(scores.reduce((a, s) => a + Math.exp(s - top), 0));
      const positives = countOf(list.labels);
      return sum + list.weight * scores.reduce((a, s, i) => a + (list.labels[i]! / positives) * (logTotal - s), 0);
    }, (l2 / 2) * w.reduce((a, v) => a + v * v, 0));
  let w = new Array<number>(d).fill(0);
  let current = loss(w);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const step = newtonStep(taught, standardised, w, l2);
    // Newton's full step overshoots on the whole training set (the loss rose a thousandfold in
    // three steps): halve it until the loss falls; a millionth of a step that still does not is
    // taken as convergence.
    let size = 1;
    let next = w.map((v, j) => v - step[j]!);
    let value = loss(next);
    while (value > current && size > 1e-6) {
      size /= 2;
      next = w.map((v, j) => v - size * step[j]!);
      value = loss(next);
    }
    if (value > current) break;
    const moved = size * Math.max(...step.map(Math.abs));
    w = next;
    current = value;
    if (moved < TOLERANCE) break;
  }
  // Platt scaling: a one-feature logistic fit of every candidate's label on its score.
  const ranking: LogisticModel = { mean, scale, weights: w, bias: 0 };
  const scored = lists.map((l) => ({ ...l, features: l.features.map((f) => [logit(ranking, f)]) }));
  const platt = fitOverLists(scored, 0);
  const a = platt.weights[0]! / platt.scale[0]!;
  return { mean, scale, weights: w.map((v) => v * a), bias: platt.bias - a * platt.mean[0]! };
}
