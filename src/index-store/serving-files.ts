import { createReadStream } from "node:fs";
import { open, readFile, writeFile } from "node:fs/promises";
import { type Bm25Data, Bm25Index } from "../retrieval/bm25.js";
import type { IndexedParagraph } from "./corpus.js";
import { IndexDamagedError } from "./layout.js";

/**
 * What the server needs to serve a build, written once at ingest in forms it can read without
 * holding the event loop (issue 13: loading rebuilt BM25 for 3 s and parsed a 70 MB docstore
 * in one go while requests waited):
 *
 *   paragraphs.ndjson  one IndexedParagraph per line, parsed a line at a time as it streams in;
 *   bm25.bin           the BM25 postings as flat typed arrays, used as read (no term is
 *                      re-tokenised or re-stemmed at load).
 */
export const PARAGRAPHS_FILE = "paragraphs.ndjson";
export const BM25_FILE = "bm25.bin";

const BM25_MAGIC = "BM25";

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

/** bm25.bin: "BM25", header length, JSON header {terms}, padding to 4 bytes, then the arrays. */
export async function writeBm25(path: string, data: Bm25Data): Promise<void> {
  const header = Buffer.from(JSON.stringify({ terms: data.terms, size: data.lengths.length, postings: data.docs.length }), "utf8");
  const padding = (4 - ((8 + header.length) % 4)) % 4;
  const prefix = Buffer.alloc(8);
  prefix.write(BM25_MAGIC, 0, "latin1");
  prefix.writeUInt32LE(header.length, 4);
  const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  await writeFile(path, Buffer.concat([prefix, header, Buffer.alloc(padding), bytes(data.counts), bytes(data.lengths), bytes(data.docs), bytes(data.tfs)]));
}

export async function readBm25(path: string): Promise<Bm25Index> {
  return parseBm25(await readFile(path), path);
}

/** BM25 over bm25.bin's bytes, its arrays viewing them in place where they are aligned. */
export function parseBm25(buffer: Buffer, path: string): Bm25Index {
  if (buffer.toString("latin1", 0, 4) !== BM25_MAGIC) throw new IndexDamagedError(`${path} is not a BM25 index`);
  const headerBytes = buffer.readUInt32LE(4);
  const header = JSON.parse(buffer.toString("utf8", 8, 8 + headerBytes)) as { terms: string[]; size: number; postings: number };
  let at = 8 + headerBytes;
  at += (4 - (at % 4)) % 4;
  const terms = header.terms.length;
  const expected = 4 * (terms + header.size + 2 * header.postings);
  if (buffer.length - at !== expected) throw new IndexDamagedError(`${path} is truncated`);
  // Typed arrays need 4-byte alignment: used in place when the file's bytes are aligned (a large
  // file gets a buffer of its own), else copied once.
  const aligned = (buffer.byteOffset + at) % 4 === 0;
  const arrays = aligned ? buffer.buffer : buffer.buffer.slice(buffer.byteOffset + at, buffer.byteOffset + buffer.length);
  const base = aligned ? buffer.byteOffset + at : 0;
  const data: Bm25Data = {
    terms: header.terms,
    counts: new Uint32Array(arrays, base, terms),
    lengths: new Float32Array(arrays, base + 4 * terms, header.size),
    docs: new Int32Array(arrays, base + 4 * (terms + header.size), header.postings),
    tfs: new Float32Array(arrays, base + 4 * (terms + header.size + header.postings), header.postings),
  };
  return new Bm25Index(data);
}
