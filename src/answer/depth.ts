/**
 * Paragraphs whose units answering ranks. Measured leave-one-folder-out on the folders' sets with
 * gluegun's as a fifth fold (the recipe of the v6 trial, BENCHMARKS.md 2026-11-30): the paragraph
 * ranker holds a support paragraph in its first 10 for 80.3 % of questions, in its first 20 for
 * 84.8 %; on the same held-out folds 20 loses (an answering unit for 5 more questions in 100, but
 * the first unit is right less often: folders' held-out top-1 34.3 → 33.1 %, SQuAD's 64.8 → 64.5 %).
 * Not compared question by question end to end.
 */
export const DEFAULT_K = 10;

/**
 * The most paragraphs a caller may ask answering to draw on (`k` on /ask, `--k`). Every unit of
 * every one of them is featurised and ranked, so this bounds the work one question can ask for;
 * twice the default, where the ranker's recall (above) has nearly stopped growing.
 */
export const MAX_K = 20;

/** The one message for a `k` out of range, on HTTP and in the CLI. */
export const K_RANGE = `k must be a whole number from 1 to ${MAX_K}`;
