import type { BoostedTrees } from "../../src/answer/boosted.js";

/**
 * Gradient-boosted regression trees for a binary label (logistic loss, Newton leaf values), fitted
 * on features cut into quantile bins: each split tries every bin edge of every feature, reading
 * per-bin sums of gradients and curvatures instead of sorting rows. Deterministic: bins come from
 * sorted values, ties between splits go to the lower feature and edge.
 */
export interface BoostOptions {
  trees: number;
  depth: number;
  /** Shrinkage applied to each tree's leaf values. */
  learningRate: number;
  /** L2 penalty on leaf values (XGBoost's lambda). */
  l2: number;
  /** A leaf must hold at least this much curvature (weighted p(1-p)), XGBoost's min_child_weight. */
  minLeafCurvature: number;
  /** Quantile bins per feature. */
  bins: number;
  rowWeights?: number[];
}

function binEdges(rows: number[][], column: number, bins: number): number[] {
  const values = Float64Array.from(rows, (r) => r[column]!).sort();
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const v = values[Math.floor((b * values.length) / bins)]!;
    if (edges.length === 0 || v > edges.at(-1)!) edges.push(v);
  }
  return edges;
}

/** Index of the first edge above the value: values below edges[0] fall in bin 0. */
function binOf(edges: number[], value: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value >= edges[mid]!) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
}

export function fitBoosted(rows: number[][], labels: number[], options: BoostOptions): BoostedTrees {
  const n = rows.length;
  const d = rows[0]!.length;
  const weight = (i: number) => options.rowWeights?.[i] ?? 1;
  const edges = Array.from({ length: d }, (_, j) => binEdges(rows, j, options.bins));
  const binned = Array.from({ length: d }, (_, j) => Uint8Array.from(rows, (r) => binOf(edges[j]!, r[j]!)));
  let positive = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    positive += weight(i) * labels[i]!;
    total += weight(i);
  }
  const base = Math.log(Math.max(positive, 1e-9) / Math.max(total - positive, 1e-9));
  const score = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const trees: BoostedTrees["trees"] = [];
  const maxBins = options.bins + 1;
  const gHist = new Float64Array(maxBins);
  const hHist = new Float64Array(maxBins);

  const leafValue = (g: number, h: number) => (-g / (h + options.l2)) * options.learningRate;
  const gainOf = (g: number, h: number) => (g * g) / (h + options.l2);

  function bestSplit(members: Int32Array): Split | undefined {
    let G = 0;
    let H = 0;
    for (const i of members) {
      G += grad[i]!;
      H += hess[i]!;
    }
    const parent = gainOf(G, H);
    let best: Split | undefined;
    for (let j = 0; j < d; j++) {
      const bins = edges[j]!.length + 1;
      if (bins < 2) continue;
      gHist.fill(0, 0, bins);
      hHist.fill(0, 0, bins);
      const column = binned[j]!;
      for (const i of members) {
        gHist[column[i]!]! += grad[i]!;
        hHist[column[i]!]! += hess[i]!;
      }
      let gl = 0;
      let hl = 0;
      for (let b = 0; b < bins - 1; b++) {
        gl += gHist[b]!;
        hl += hHist[b]!;
        const hr = H - hl;
        if (hl < options.minLeafCurvature || hr < options.minLeafCurvature) continue;
        const gain = gainOf(gl, hl) + gainOf(G - gl, hr) - parent;
        if (gain > 1e-9 && (!best || gain > best.gain)) best = { gain, feature: j, bin: b };
      }
    }
    return best;
  }

  for (let t = 0; t < options.trees; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-score[i]!));
      grad[i] = weight(i) * (p - labels[i]!);
      hess[i] = weight(i) * p * (1 - p);
    }
    // Nodes in depth-first order (a split's left child follows it); feature −1 marks a leaf holding `value`.
    const feature: number[] = [];
    const threshold: number[] = [];
    const value: number[] = [];
    const right: number[] = [];
    const grow = (members: Int32Array, level: number): number => {
      const id = feature.length;
      feature.push(-1);
      threshold.push(0);
      value.push(0);
      right.push(-1);
      const split = level < options.depth ? bestSplit(members) : undefined;
      if (!split) {
        let g = 0;
        let h = 0;
        for (const i of members) {
          g += grad[i]!;
          h += hess[i]!;
        }
        value[id] = leafValue(g, h);
        for (const i of members) score[i]! += value[id]!;
        return id;
      }
      const column = binned[split.feature]!;
      const left = members.filter((i) => column[i]! <= split.bin);
      const rightMembers = members.filter((i) => column[i]! > split.bin);
      feature[id] = split.feature;
      threshold[id] = edges[split.feature]![split.bin]!;
      grow(left, level + 1);
      right[id] = grow(rightMembers, level + 1);
      return id;
    };
    grow(Int32Array.from({ length: n }, (_, i) => i), 0);
    trees.push({ feature, threshold, value, right });
  }
  return { base, trees };
}
