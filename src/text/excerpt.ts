import { wholeCharacters } from "./whole-characters.js";

/**
 * The text cut to at most `max` characters (the "…" aside) at a word boundary, with "…" when cut:
 * a word cut in half ("has delibe…") reads as a typo. A text with no space in its first half is
 * cut where it must be, between whole characters (never between an emoji's halves, shown as �).
 */
export function excerpt(text: string, max: number, ellipsis = "…"): string {
  if (text.length <= max) return text;
  const cut = wholeCharacters(text, max);
  const atWord = cut.replace(/\s+\S*$/, "");
  return `${(atWord.length >= max / 2 ? atWord : cut).trimEnd()}${ellipsis}`;
}
