const characters = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The text's first `max` code units or fewer, never ending inside a character as a reader sees
 * it: not between the two halves of an emoji or a rare CJK character (a lone surrogate shows as
 * �), nor between a letter and its accent. Reads only as far as the cut.
 */
export function wholeCharacters(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const { index, segment } of characters.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}
