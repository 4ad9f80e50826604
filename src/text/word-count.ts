/** Scripts written without spaces between words (Chinese, Japanese, Thai…). */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const words = new Intl.Segmenter(undefined, { granularity: "word" });

/**
 * Words as a reader counts them, in any script: a run between spaces (or table pipes) holding a
 * letter or digit (Cyrillic, Arabic, accented Latin), and in a script without spaces each word
 * ICU finds in it.
 */
export function wordCount(text: string): number {
  let count = 0;
  for (const run of text.split(/[\s|]+/)) {
    if (!/[\p{L}\p{N}]/u.test(run)) continue;
    if (!UNSPACED.test(run)) count++;
    else for (const w of words.segment(run)) if (w.isWordLike) count++;
  }
  return count;
}
