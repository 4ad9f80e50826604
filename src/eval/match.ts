/**
 * Whether an answer contains an expected string, the way a reader would judge it:
 * case-insensitive, starting at a word boundary, and a number never matching inside a longer
 * number ("8.1 billion" is not in "18.1 billion", "16" is not in "2016"). Words may take a
 * suffix ("vessel" is in "vessels").
 */
export function containsTerm(text: string, term: string): boolean {
  const escaped = term.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
  const before = /^\d/.test(term.trim()) ? "(?<![\\p{L}\\p{N}]|\\d[.,])" : "(?<![\\p{L}\\p{N}])";
  const after = /\d%?$/.test(term.trim()) ? "(?![\\p{N}]|[.,]\\d)" : "";
  return new RegExp(`${before}${escaped}${after}`, "iu").test(text);
}

/** A must_include entry: alternatives separated by "|"; any one of them suffices. */
export function includesEntry(text: string, entry: string): boolean {
  return entry.split("|").some((alternative) => containsTerm(text, alternative));
}
