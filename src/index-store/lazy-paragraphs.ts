import { readFile } from "node:fs/promises";
import type { IndexedParagraph } from "./corpus.js";
import { IndexDamagedError } from "./layout.js";

/**
 * paragraphs.ndjson read for serving without parsing it: the file is held as bytes with each
 * line's offsets, and a paragraph's JSON is parsed the first time it is asked for (then kept, so
 * the same paragraph is always the same object). Parsing all 100k paragraphs at load took ~0.7 s
 * of main thread and most of a cold start's garbage collection (issue 13: cold start ≤ 2 s);
 * a question reads a few dozen of them.
 *
 * What a load needs of every paragraph — its file and number, to group paragraphs by document —
 * is read from the start of its line, which writeParagraphs writes as {"file":…,"n":…, (the
 * key order of IndexedParagraph); a line that does not start so is parsed whole.
 */
export interface ServedParagraphs {
  /** Indexed by the dense label; reads like an array (index, length, iteration, map…). */
  paragraphs: IndexedParagraph[];
  byFile: Map<string, IndexedParagraph[]>;
}

const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const FILE_PREFIX = Buffer.from('{"file":"');
const N_PREFIX = Buffer.from(',"n":');

/** An array-like view whose element i is at(i), read when first touched. */
function lazyArray<T>(length: number, at: (i: number) => T | undefined): T[] {
  const index = (key: string | symbol) => {
    if (typeof key !== "string") return -1;
    const i = Number(key);
    return Number.isInteger(i) && i >= 0 && i < length && String(i) === key ? i : -1;
  };
  return new Proxy(new Array<T>(length), {
    get(target, key, receiver) {
      const i = index(key);
      if (i !== -1) return at(i);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      const i = index(key);
      return i !== -1 ? at(i) !== undefined : Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      const i = index(key);
      if (i === -1) return Reflect.getOwnPropertyDescriptor(target, key);
      const value = at(i);
      return value === undefined ? undefined : { value, writable: false, enumerable: true, configurable: true };
    },
    set: () => false,
    deleteProperty: () => false,
  });
}

/** Whether `bytes` holds `prefix` at `at`. */
function startsWith(bytes: Buffer, at: number, prefix: Buffer): boolean {
  if (at + prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

/**
 * Reads the file and number each line starts with; a line that does not start as writeParagraphs
 * writes it (or names its file with an escape) gets null. Consecutive lines of one file share its
 * name's string, which is decoded once.
 */
function fileAndNumberReader(bytes: Buffer) {
  let lastFile = "";
  let lastStart = 0;
  let lastEnd = 0;
  return (start: number, end: number): { file: string; n: number } | null => {
    if (!startsWith(bytes, start, FILE_PREFIX)) return null;
    const nameStart = start + FILE_PREFIX.length;
    let nameEnd = nameStart;
    while (nameEnd < end && bytes[nameEnd] !== QUOTE) {
      if (bytes[nameEnd] === BACKSLASH) return null; // an escape: leave it to JSON.parse
      nameEnd++;
    }
    if (nameEnd >= end || !startsWith(bytes, nameEnd + 1, N_PREFIX)) return null;
    let n = 0;
    const digits = nameEnd + 1 + N_PREFIX.length;
    let i = digits;
    for (; i < end && bytes[i]! >= 48 && bytes[i]! <= 57; i++) n = n * 10 + bytes[i]! - 48;
    if (i === digits) return null;
    let same = nameEnd - nameStart === lastEnd - lastStart;
    for (let k = 0; same && k < nameEnd - nameStart; k++) same = bytes[nameStart + k] === bytes[lastStart + k];
    if (!same) {
      lastFile = bytes.toString("utf8", nameStart, nameEnd);
      lastStart = nameStart;
      lastEnd = nameEnd;
    }
    return { file: lastFile, n };
  };
}

/**
 * Lines read per turn of the event loop: the scan runs while a live server answers (a swap to a
 * new build); 4,096 lines of the 100k bench index (~2.7 MB) take a few milliseconds.
 */
const LINES_PER_TURN = 4096;

export async function readParagraphsLazily(path: string): Promise<ServedParagraphs> {
  const bytes = await readFile(path);
  const starts: number[] = [];
  const ends: number[] = [];
  const parsed: (IndexedParagraph | undefined)[] = [];
  const at = (label: number): IndexedParagraph => {
    let paragraph = parsed[label];
    if (!paragraph) {
      try {
        paragraph = JSON.parse(bytes.toString("utf8", starts[label], ends[label])) as IndexedParagraph;
      } catch {
        // The file's sha256 was checked against the manifest, so this is a build written wrong.
        throw new IndexDamagedError(`${path}: paragraph ${label} is not JSON`);
      }
      parsed[label] = paragraph;
    }
    return paragraph;
  };

  // One pass: each line's offsets, and its file and number, to lay out each file's labels by
  // number (n - 1) as groupByFile does.
  const labelsByFile = new Map<string, number[]>();
  const fileAndNumber = fileAndNumberReader(bytes);
  for (let from = 0; from < bytes.length; ) {
    const newline = bytes.indexOf(NEWLINE, from);
    const end = newline === -1 ? bytes.length : newline;
    if (end > from) {
      const label = starts.push(from) - 1;
      ends.push(end);
      parsed.push(undefined);
      const { file, n } = fileAndNumber(from, end) ?? at(label);
      let labels = labelsByFile.get(file);
      if (!labels) labelsByFile.set(file, (labels = []));
      labels[n - 1] = label;
      if (label % LINES_PER_TURN === LINES_PER_TURN - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    from = end + 1;
  }
  const byFile = new Map<string, IndexedParagraph[]>();
  for (const [file, labels] of labelsByFile) {
    byFile.set(
      file,
      lazyArray(labels.length, (i) => (labels[i] === undefined ? undefined : at(labels[i]!))),
    );
  }
  return { paragraphs: lazyArray(starts.length, at), byFile };
}
