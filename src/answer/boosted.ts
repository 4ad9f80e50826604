/**
 * Gradient-boosted regression trees as `npm run train` writes them: the log-odds are `base` plus
 * one leaf value from each tree. A tree's nodes are stored depth first, so a split's left child is
 * the next node; `right` points at the other. A node whose feature is −1 is a leaf.
 */
export interface BoostedTrees {
  base: number;
  trees: { feature: number[]; threshold: number[]; value: number[]; right: number[] }[];
}

/** The log-odds the trees give a feature vector: left when the feature is below the threshold. */
export function boostedLogit(model: BoostedTrees, x: ArrayLike<number>): number {
  let z = model.base;
  for (const tree of model.trees) {
    let node = 0;
    while (tree.feature[node]! >= 0) node = x[tree.feature[node]!]! < tree.threshold[node]! ? node + 1 : tree.right[node]!;
    z += tree.value[node]!;
  }
  return z;
}
