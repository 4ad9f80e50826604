/**
 * Acronyms learnt from the corpus itself, so "OSA" finds "Official Security Assistance" and
 * "ODA" finds "Official Development Assistance" in any folder, not only in ours. An explicit
 * definition ("Official Security Assistance (OSA)") wins; otherwise the most frequent run of
 * capitalised words whose initials spell the acronym. Learnt at ingest, saved with the index.
 */
const CONNECTORS = new Set(["of", "and", "for", "the", "on", "in", "&"]);
const WORD = /[A-Za-z][A-Za-z'’-]*|&/g;

export function initials(words: string[]): string {
  return words
    .filter((w) => !CONNECTORS.has(w.toLowerCase()))
    .flatMap((w) => w.split("-").filter(Boolean).map((part) => part[0]!.toLowerCase()))
    .join("");
}

const isCapitalised = (w: string) => w.charCodeAt(0) >= 65 && w.charCodeAt(0) <= 90;

export interface AcronymData {
  defined: [string, string][];
  seen: [string, string][];
}

export class AcronymTable {
  private readonly defined = new Map<string, string>();
  /** initials → phrase → count, while learning; initials → best phrase once compacted. */
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly best = new Map<string, string>();

  static fromJSON(data: AcronymData): AcronymTable {
    const table = new AcronymTable();
    for (const [k, v] of data.defined) table.defined.set(k, v);
    for (const [k, v] of data.seen) table.best.set(k, v);
    return table;
  }

  add(text: string): void {
    if (text.includes("(")) {
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
    }
    const words = text.match(WORD) ?? [];
    for (let start = 0; start < words.length; start++) {
      if (!isCapitalised(words[start]!)) continue;
      for (let end = start + 1; end < Math.min(words.length, start + 8); end++) {
        const word = words[end]!;
        if (!isCapitalised(word) && !CONNECTORS.has(word)) break;
        if (!isCapitalised(word)) continue;
        const phrase = words.slice(start, end + 1);
        const key = initials(phrase);
        if (key.length < 2 || key.length > 8) continue;
        const counts = this.counts.get(key) ?? new Map<string, number>();
        const joined = phrase.join(" ");
        counts.set(joined, (counts.get(joined) ?? 0) + 1);
        this.counts.set(key, counts);
      }
    }
  }

  /** Keeps only the best phrase per acronym, for saving. */
  toJSON(): AcronymData {
    const seen: [string, string][] = [...this.counts].map(([key, counts]) => [
      key,
      [...counts].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0]![0],
    ]);
    return { defined: [...this.defined], seen: [...this.best, ...seen] };
  }

  /** The phrase an acronym stands for in this corpus, if any. */
  expand(acronym: string): string | undefined {
    const key = acronym.toLowerCase();
    if (this.defined.has(key)) return this.defined.get(key);
    if (this.best.has(key)) return this.best.get(key);
    const counts = this.counts.get(key);
    return counts ? [...counts].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0]![0] : undefined;
  }
}
