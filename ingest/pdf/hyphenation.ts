import { createRequire } from "node:module";

/**
 * A line that ends in "hyphen-" followed by one starting "ation" is usually a word the typesetter
 * broke, but "long-" + "term" is a compound that keeps its hyphen. The break is undone only when
 * the joined word makes sense: the document itself writes it unbroken elsewhere, or, when the
 * document says nothing either way (it never writes the joined word nor the hyphenated one), the
 * English word list (an-array-of-english-words, ~275k words, MIT) knows it.
 */
export class Vocabulary {
  private readonly words = new Set<string>();
  private readonly compounds = new Set<string>();

  /** Learns the words of one line of the document (its line-end fragment excepted). */
  add(line: string): void {
    const body = line.replace(/[A-Za-z]+-$/, "");
    for (const token of body.toLowerCase().match(/[a-z]+(?:-[a-z]+)*/g) ?? []) {
      if (token.includes("-")) this.compounds.add(token);
      else this.words.add(token);
    }
  }

  /** Whether `head-` at a line's end and `tail…` at the next line's start are one word broken in two. */
  joins(head: string, tail: string): boolean {
    const a = /([A-Za-z]+)-$/.exec(head)?.[1];
    const b = /^([a-z]+)/.exec(tail)?.[1];
    if (!a || !b) return false;
    // "state-of-the-" + "art": inside a hyphenated chain the hyphen is the compound's.
    if (/[A-Za-z]-[A-Za-z]+-$/.test(head)) return false;
    const joined = (a + b).toLowerCase();
    const hyphenated = `${a}-${b}`.toLowerCase();
    if (this.words.has(joined)) return true;
    if (this.compounds.has(hyphenated)) return false;
    return englishWords().has(joined);
  }
}

let english: Set<string> | undefined;

/** Loaded on the first undecided break (~60 ms); most PDFs settle every break from their own words. */
function englishWords(): Set<string> {
  english ??= new Set(createRequire(import.meta.url)("an-array-of-english-words") as string[]);
  return english;
}
