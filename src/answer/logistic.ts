/**
 * A fitted logistic regression over standardised features: what `npm run train` writes and
 * answering reads. Standardising is part of the model, so raw features go in.
 */
export interface LogisticModel {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

/** The log-odds the model gives a feature vector. */
export function logit(model: LogisticModel, x: ArrayLike<number>): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i]! * ((x[i]! - model.mean[i]!) / model.scale[i]!);
  return z;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
