import { createReadStream } from "node:fs";
import { open, writeFile } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { type Bm25Data, Bm25Index, type Postings } from "../retrieval/bm25.js";
import type { IndexedParagraph } from "./corpus.js";
import { IndexDamagedError, type Manifest } from "./layout.js";
import { ParagraphShapes } from "./paragraph-shapes.js";
import { closeWhenCollected, readAt, readStoreFile, scanStoreFile } from "./verified-read.js";

/**
 * What the server needs to serve a build, written once at ingest in forms it can read without
 * holding the event loop (issue 13: loading rebuilt BM25 for 3 s and parsed a 70 MB docstore
 * in one go while requests waited):
 *
 *   paragraphs.ndjson  one IndexedParagraph per line, read and parsed when asked for
 *                      (lazy-paragraphs.ts);
 *   bm25.bin           the BM25 postings as flat typed arrays, used as written (no term is
 *                      re-tokenised or re-stemmed at load), each term's read when a query
 *                      has it;
 *   shapes.bin         each paragraph's document, kind and text length (paragraph-shapes.ts),
 *                      held in memory: what ranking the pooled paragraphs reads of them, so
 *                      a question parses only the paragraphs it keeps.
 */
export const PARAGRAPHS_FILE = "paragraphs.ndjson";
export const BM25_FILE = "bm25.bin";
export const SHAPES_FILE = "shapes.bin";

const BM25_MAGIC = "BM25";
const SHAPES_MAGIC = "SHPS";

/** Written in batches: one string of the whole file would be twice its size in memory again. */
export async function writeParagraphs(path: string, paragraphs: Iterable<IndexedParagraph>): Promise<void> {
  const file = await open(path, "w");
  try {
    let batch: string[] = [];
    for (const p of paragraphs) {
      batch.push(`${JSON.stringify(p)}\n`);
      if (batch.length === 1000) {
        await file.write(batch.join(""));
        batch = [];
      }
    }
    await file.write(batch.join(""));
  } finally {
    await file.close();
  }
}

export async function readParagraphs(path: string): Promise<IndexedParagraph[]> {
  const paragraphs: IndexedParagraph[] = [];
  let rest = "";
  // 256 KB at a time: a few hundred lines per turn of the event loop, a few milliseconds each.
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024, encoding: "utf8" })) {
    const lines = (rest + (chunk as string)).split("\n");
    rest = lines.pop()!;
    for (const line of lines) if (line) paragraphs.push(JSON.parse(line) as IndexedParagraph);
  }
  if (rest) paragraphs.push(JSON.parse(rest) as IndexedParagraph);
  return paragraphs;
}

const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** The start of bm25.bin and shapes.bin: magic, header length, JSON header, padding to 4 bytes. */
function headed(magic: string, header: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const padding = (4 - ((8 + json.length) % 4)) % 4;
  const prefix = Buffer.alloc(8);
  prefix.write(magic, 0, "latin1");
  prefix.writeUInt32LE(json.length, 4);
  return Buffer.concat([prefix, json, Buffer.alloc(padding)]);
}

/**
 * The start `headed` wrote, read back: checks the magic and parses the JSON header; returns it and
 * where the arrays begin. `read(length, position)` gives exactly those bytes or throws.
 */
async function readHead<T>(path: string, magic: string, what: string, read: (length: number, position: number) => Promise<Buffer>): Promise<{ header: T; dataAt: number }> {
  const prefix = await read(8, 0);
  if (prefix.toString("latin1", 0, 4) !== magic) throw new IndexDamagedError(`${path} is not ${what}`);
  const headerBytes = prefix.readUInt32LE(4);
  let header: T;
  try {
    header = JSON.parse((await read(headerBytes, 8)).toString("utf8")) as T;
  } catch (err) {
    if (err instanceof IndexDamagedError) throw err;
    throw new IndexDamagedError(`${path}: its header is not JSON`);
  }
  const end = 8 + headerBytes;
  return { header, dataAt: end + ((4 - (end % 4)) % 4) };
}

/** bm25.bin: "BM25", header length, JSON header {terms}, padding to 4 bytes, then the arrays. */
export async function writeBm25(path: string, data: Bm25Data): Promise<void> {
  const head = headed(BM25_MAGIC, { terms: data.terms, size: data.lengths.length, postings: data.docs.length });
  await writeFile(path, Buffer.concat([head, bytesOf(data.counts), bytesOf(data.lengths), bytesOf(data.docs), bytesOf(data.tfs)]));
}

/** shapes.bin: "SHPS", header length, JSON header {files, size}, padding, then file codes, lengths (u32) and kind codes (u8). */
export async function writeShapes(path: string, shapes: ParagraphShapes): Promise<void> {
  const head = headed(SHAPES_MAGIC, { files: shapes.files, size: shapes.size });
  await writeFile(path, Buffer.concat([head, bytesOf(shapes.fileCodes), bytesOf(shapes.lengths), bytesOf(shapes.kindCodes)]));
}

/** shapes.bin read whole (9 bytes a paragraph), checked against the build's manifest (without one, unchecked). */
export async function readShapes(path: string, manifest: Manifest | null = null): Promise<ParagraphShapes> {
  const bytes = await readStoreFile(dirname(path), basename(path), manifest);
  const slice = async (length: number, position: number) => {
    if (position + length > bytes.length) throw new IndexDamagedError(`${path} is truncated`);
    return bytes.subarray(position, position + length);
  };
  const { header, dataAt: at } = await readHead<{ files: string[]; size: number }>(path, SHAPES_MAGIC, "a shapes file", slice);
  const n = header.size;
  if (!Array.isArray(header.files) || !Number.isInteger(n) || bytes.length - at !== 9 * n) throw new IndexDamagedError(`${path} is truncated`);
  // Views in place: readStoreFile's buffer starts its own ArrayBuffer (byteOffset 0) and `at` is a
  // multiple of 4; counted from byteOffset all the same, so a pooled buffer could never be misread.
  const from = bytes.byteOffset + at;
  const fileCodes = new Uint32Array(bytes.buffer, from, n);
  const lengths = new Uint32Array(bytes.buffer, from + 4 * n, n);
  const kindCodes = new Uint8Array(bytes.buffer, from + 8 * n, n);
  return new ParagraphShapes(header.files, fileCodes, kindCodes, lengths, path);
}

/** The postings of bm25.bin read from the file a term at a time, into arrays reused by every read. */
class FilePostings implements Postings {
  private docs = new Int32Array(0);
  private tfs = new Float32Array(0);

  constructor(
    private readonly fd: number,
    /** Byte positions of the docs and tfs arrays in the file. */
    private readonly docsAt: number,
    private readonly tfsAt: number,
    private readonly path: string,
  ) {}

  read(from: number, to: number): { docs: Int32Array; tfs: Float32Array; at: number } {
    const n = to - from;
    if (this.docs.length < n) {
      // Grown to the longest list read so far (at most the number of paragraphs), never shrunk.
      const capacity = Math.max(n, this.docs.length * 2);
      this.docs = new Int32Array(capacity);
      this.tfs = new Float32Array(capacity);
    }
    readAt(this.fd, new Uint8Array(this.docs.buffer, 0, 4 * n), 4 * n, this.docsAt + 4 * from, `${this.path}: postings`);
    readAt(this.fd, new Uint8Array(this.tfs.buffer, 0, 4 * n), 4 * n, this.tfsAt + 4 * from, `${this.path}: postings`);
    return { docs: this.docs, tfs: this.tfs, at: 0 };
  }
}

/**
 * BM25 over a bm25.bin, checked against the build's manifest (without one, read unchecked): the
 * terms, their counts and the lengths are read into memory, the postings stay in the file and a
 * query reads those of its own terms (a few MB at most, from the operating system's cache).
 */
export async function readBm25(path: string, manifest: Manifest | null = null): Promise<Bm25Index> {
  const handle = await scanStoreFile(dirname(path), basename(path), manifest, () => {});
  try {
    const { size: fileBytes } = await handle.stat();
    const read = async <T extends ArrayBufferView>(into: T, position: number): Promise<T> => {
      const { bytesRead } = await handle.read(new Uint8Array(into.buffer, into.byteOffset, into.byteLength), 0, into.byteLength, position);
      if (bytesRead !== into.byteLength) throw new IndexDamagedError(`${path} is truncated`);
      return into;
    };
    const { header, dataAt: at } = await readHead<{ terms: string[]; size: number; postings: number }>(path, BM25_MAGIC, "a BM25 index", (length, position) => read(Buffer.alloc(length), position));
    if (!Array.isArray(header.terms)) throw new IndexDamagedError(`${path}: its header names no terms`);
    const terms = header.terms.length;
    if (fileBytes - at !== 4 * (terms + header.size + 2 * header.postings)) throw new IndexDamagedError(`${path} is truncated`);
    const counts = await read(new Uint32Array(terms), at);
    const lengths = await read(new Float32Array(header.size), at + 4 * terms);
    const docsAt = at + 4 * (terms + header.size);
    const postings = new FilePostings(handle.fd, docsAt, docsAt + 4 * header.postings, path);
    closeWhenCollected(postings, handle);
    return new Bm25Index({ terms: header.terms, counts, lengths, postings });
  } catch (err) {
    await handle.close();
    throw err;
  }
}
