/**
 * SQuAD questions also asked of a folder that lacks their article (squad-rows.ts): rows that teach
 * answerability what "the documents don't say" looks like. Their number is ours to set
 * (ELSEWHERE_EVERY), so the threshold rule does not count them.
 */
const SUFFIX = ":elsewhere";

export const askedElsewhereId = (id: string) => `${id}${SUFFIX}`;

export const isAskedElsewhere = (id: string) => id.endsWith(SUFFIX);
