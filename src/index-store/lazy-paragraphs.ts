import { basename, dirname } from "node:path";
import { BoundedCache } from "../text/bounded-cache.js";
import type { IndexedParagraph } from "./corpus.js";
import { IndexDamagedError, type Manifest } from "./layout.js";
import { closeWhenCollected, readAt, scanStoreFile } from "./verified-read.js";

/**
 * paragraphs.ndjson read for serving without parsing it, nor holding it: one pass over the file
 * (which also checks its sha256, verified-read.ts) records each line's offsets, and a paragraph
 * is read from the file and parsed when it is asked for (then kept, up to PARSED_KEPT, so the
 * same paragraph is the same object while it is kept). Parsing all 100k paragraphs at load took
 * ~0.7 s of main thread and most of a cold start's garbage collection (issue 13: cold start ≤
 * 2 s); holding the file's bytes instead cost 64 MB at 100k paragraphs, twice during a swap
 * (issue 13: swap RSS ≤ 1.5× steady). A question reads a few dozen paragraphs, each one small
 * read of a file the operating system caches.
 *
 * The file stays open while the paragraphs are in use: a build is never changed once written,
 * and a build that ingest prunes while an old service still reads it stays readable through the
 * open handle. The handle is closed once nothing holds the paragraphs any more.
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
 * Reads the file and number a line starts with; a line that does not start as writeParagraphs
 * writes it (or names its file with an escape) gets null. Consecutive lines of one file share its
 * name's string, which is decoded once.
 */
function fileAndNumberReader() {
  let lastFile = "";
  let lastName: Buffer = Buffer.alloc(0);
  return (bytes: Buffer, start: number, end: number): { file: string; n: number } | null => {
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
    if (lastName.compare(bytes, nameStart, nameEnd) !== 0) {
      lastFile = bytes.toString("utf8", nameStart, nameEnd);
      lastName = Buffer.from(bytes.subarray(nameStart, nameEnd));
    }
    return { file: lastFile, n };
  };
}

/** Hands whole lines to `line` from pieces of a file read in order; a line split between pieces is joined first. */
function lineSplitter(line: (bytes: Buffer, start: number, end: number, position: number) => void) {
  // The start of a line still waiting for its end, in copies of the pieces that hold it (joined
  // once the end arrives, so a line of many pieces is copied once, not once per piece).
  let carry: Buffer[] = [];
  let carryAt = 0;
  const emit = (bytes: Buffer, start: number, end: number, position: number) => end > start && line(bytes, start, end, position);
  return {
    piece(view: Uint8Array, position: number): void {
      const bytes = Buffer.from(view.buffer, view.byteOffset, view.length);
      let from = 0;
      if (carry.length) {
        const newline = bytes.indexOf(NEWLINE);
        if (newline === -1) {
          carry.push(Buffer.from(bytes)); // the piece's memory is reused for the next one
          return;
        }
        const joined = Buffer.concat([...carry, bytes.subarray(0, newline)]);
        emit(joined, 0, joined.length, carryAt);
        carry = [];
        from = newline + 1;
      }
      for (let newline = bytes.indexOf(NEWLINE, from); newline !== -1; newline = bytes.indexOf(NEWLINE, from)) {
        emit(bytes, from, newline, position + from);
        from = newline + 1;
      }
      if (from < bytes.length) {
        carry = [Buffer.from(bytes.subarray(from))];
        carryAt = position + from;
      }
    },
    end(): void {
      const rest = Buffer.concat(carry);
      emit(rest, 0, rest.length, carryAt);
      carry = [];
    },
  };
}

/** Reads of one paragraph's line; one buffer for all, grown to the longest line read so far. */
let scratch = Buffer.alloc(64 * 1024);

/**
 * Parsed paragraphs kept per build: a question reads a few dozen, and one parsed paragraph of
 * the bench's corpus takes ~1 KB of heap, so ~20 MB at most — not the ~100 MB of all 100k that
 * anything reading every paragraph (the widget's suggested questions) would otherwise leave
 * behind in a long-running server. Past it the oldest go, and are read again if asked for.
 */
const PARSED_KEPT = 20_000;

class ParagraphFile {
  private readonly parsed = new BoundedCache<number, IndexedParagraph>(PARSED_KEPT);

  constructor(
    private readonly path: string,
    private readonly fd: number,
    private readonly starts: Float64Array,
    private readonly ends: Float64Array,
  ) {}

  get length(): number {
    return this.starts.length;
  }

  at(label: number): IndexedParagraph {
    let paragraph = this.parsed.get(label);
    if (!paragraph) {
      paragraph = parseLine(this.path, label, this.read(label));
      this.parsed.set(label, paragraph);
    }
    return paragraph;
  }

  private read(label: number): string {
    const start = this.starts[label]!;
    const length = this.ends[label]! - start;
    if (scratch.length < length) scratch = Buffer.alloc(length);
    readAt(this.fd, scratch, length, start, `${this.path}: paragraph ${label}`);
    return scratch.toString("utf8", 0, length);
  }
}

function parseLine(path: string, label: number, line: string): IndexedParagraph {
  try {
    return JSON.parse(line) as IndexedParagraph;
  } catch {
    // The file's sha256 was checked against the manifest, so this is a build written wrong.
    throw new IndexDamagedError(`${path}: paragraph ${label} is not JSON`);
  }
}

/**
 * The paragraphs of a build's paragraphs.ndjson at `path`, checked against the build's manifest
 * as they are scanned (an IndexDamagedError if they are not what it lists); without a manifest,
 * a file read on its own, unchecked.
 */
export async function readParagraphsLazily(path: string, manifest: Manifest | null = null): Promise<ServedParagraphs> {
  const starts: number[] = [];
  const ends: number[] = [];
  // Each file's labels by number (n - 1), as groupByFile lays them out.
  const labelsByFile = new Map<string, number[]>();
  const fileAndNumber = fileAndNumberReader();
  const lines = lineSplitter((bytes, start, end, position) => {
    const label = starts.push(position) - 1;
    ends.push(position + end - start);
    const place = fileAndNumber(bytes, start, end) ?? parseLine(path, label, bytes.toString("utf8", start, end));
    let labels = labelsByFile.get(place.file);
    if (!labels) labelsByFile.set(place.file, (labels = []));
    labels[place.n - 1] = label;
  });
  const handle = await scanStoreFile(dirname(path), basename(path), manifest, (piece, position) => lines.piece(piece, position));
  lines.end();
  const file = new ParagraphFile(path, handle.fd, Float64Array.from(starts), Float64Array.from(ends));
  closeWhenCollected(file, handle);
  const at = (label: number) => file.at(label);
  const byFile = new Map<string, IndexedParagraph[]>();
  for (const [name, labels] of labelsByFile) {
    byFile.set(
      name,
      lazyArray(labels.length, (i) => (labels[i] === undefined ? undefined : at(labels[i]!))),
    );
  }
  return { paragraphs: lazyArray(file.length, at), byFile };
}
