/**
 * Acronyms learnt from the corpus itself, so "OSA" finds "Official Security Assistance" and
 * "ODA" finds "Official Development Assistance" in any folder, not only in ours. An explicit
 * definition ("Official Security Assistance (OSA)") wins; otherwise the most frequent run of
 * capitalised words whose initials spell the acronym.
 */
const CONNECTORS = new Set(["of", "and", "for", "the", "on", "in", "&"]);
const WORD = /[A-Za-z][A-Za-z'’-]*|&/g;

function initials(words: string[]): string {
  return words
    .filter((w) => !CONNECTORS.has(w.toLowerCase()))
    .flatMap((w) => w.split("-").filter(Boolean).map((part) => part[0]!.toLowerCase()))
    .join("");
}

const isCapitalised = (w: string) => /^[A-Z]/.test(w);

function count(table: Map<string, Map<string, number>>, key: string, phrase: string): void {
  const counts = table.get(key) ?? new Map<string, number>();
  counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
  table.set(key, counts);
}

function mostFrequent(counts: Map<string, number> | undefined): string | undefined {
  if (!counts) return undefined;
  return [...counts].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0]![0];
}

export class AcronymTable {
  private readonly defined = new Map<string, string>();
  private readonly seen = new Map<string, Map<string, number>>();
  /** Lower-case phrases ("gross domestic product"), consulted only when nothing capitalised fits. */
  private readonly seenLower = new Map<string, Map<string, number>>();

  add(text: string): void {
    for (const m of text.matchAll(/\(([A-Z][A-Za-z]{1,7})\)/g)) {
      const acronym = m[1]!.toLowerCase();
      const before = (text.slice(Math.max(0, m.index! - 120), m.index!).match(WORD) ?? []).slice(-8);
      for (let start = 0; start < before.length; start++) {
        const words = before.slice(start);
        if (isCapitalised(words[0]!) && initials(words) === acronym) {
          this.defined.set(acronym, words.join(" "));
          break;
        }
      }
    }
    for (const sentence of text.split(/[.!?;:()\[\]"“”|]/)) {
      const words = sentence.match(WORD) ?? [];
      for (let start = 0; start < words.length; start++) {
        if (!isCapitalised(words[start]!)) continue;
        for (let end = start + 1; end < Math.min(words.length, start + 8); end++) {
          const word = words[end]!;
          if (!isCapitalised(word) && !CONNECTORS.has(word)) break;
          if (!isCapitalised(word)) continue;
          const phrase = words.slice(start, end + 1);
          const key = initials(phrase);
          if (key.length >= 2 && key.length <= 8) count(this.seen, key, phrase.join(" "));
        }
      }
      for (let start = 0; start + 3 <= words.length; start++) {
        const phrase = words.slice(start, start + 3);
        if (phrase.every((w) => /^[a-z]{3,}$/.test(w) && !CONNECTORS.has(w))) count(this.seenLower, initials(phrase), phrase.join(" "));
      }
    }
  }

  /** The phrase an acronym stands for in this corpus, if any. */
  expand(acronym: string): string | undefined {
    const key = acronym.toLowerCase();
    const defined = this.defined.get(key);
    if (defined) return defined;
    return mostFrequent(this.seen.get(key)) ?? mostFrequent(this.seenLower.get(key));
  }
}
