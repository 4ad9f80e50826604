import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildIndex } from "../../ingest/build-index.js";
import { readCorpus } from "../../ingest/read-corpus.js";
import type { Embedder } from "../../src/embeddings/embedder.js";
import { percentile } from "../../src/eval/metrics.js";
import { type PdfBlock, type PdfPageSpec, makePdf } from "../../tests/support/documents.js";
import { random, seedSentences } from "./synthetic-corpus.js";

/**
 * PDF ingest throughput in pages per second, on a deterministic corpus of PDFs laid out as
 * reports are (pdf-lib, through the tests' document maker): every page with a running header
 * and a page-number footer, alternate pages in two columns, paragraphs of the seeds' sentences.
 * Two figures, each over several runs: reading the PDFs into paragraphs (PDF.js text layer,
 * layout, paragraphs), and a whole forced ingest (reading, embedding with the word vectors,
 * writing the index).
 */
export interface PdfIngestFigures {
  files: number;
  pages: number;
  paragraphs: number;
  /** Pages per second of each run. */
  read: number[];
  ingest: number[];
}

const PAGES_PER_FILE = 10;
const PARAGRAPHS_PER_COLUMN = 3;

function pageSpec(sentences: string[], next: () => number, twoColumns: boolean, file: number): PdfPageSpec {
  const paragraph = (): PdfBlock => ({ text: Array.from({ length: 2 }, () => sentences[Math.floor(next() * sentences.length)]!).join(" ") });
  const column = () => [{ text: `Section ${Math.floor(next() * 90) + 10}`, size: 14 }, ...Array.from({ length: PARAGRAPHS_PER_COLUMN }, paragraph)];
  return { header: `Synthetic report ${file}`, footer: "Page {page}", columns: twoColumns ? [column(), column()] : [column()] };
}

async function writePdfCorpus(seedsDir: string, dir: string, files: number): Promise<void> {
  const sentences = await seedSentences(seedsDir);
  const next = random(20261129);
  await mkdir(dir, { recursive: true });
  for (let f = 1; f <= files; f++) {
    const pages = Array.from({ length: PAGES_PER_FILE }, (_, p) => pageSpec(sentences, next, p % 2 === 1, f));
    await writeFile(join(dir, `report-${String(f).padStart(3, "0")}.pdf`), await makePdf(pages));
  }
}

export async function measurePdfIngest(options: { seedsDir: string; work: string; files: number; runs: number; embedder: Embedder; log: (line: string) => void }): Promise<PdfIngestFigures> {
  const corpus = join(options.work, "pdf-corpus");
  const index = join(options.work, "pdf-index");
  await writePdfCorpus(options.seedsDir, corpus, options.files);
  const pages = options.files * PAGES_PER_FILE;
  const figures: PdfIngestFigures = { files: options.files, pages, paragraphs: 0, read: [], ingest: [] };
  for (let run = 1; run <= options.runs; run++) {
    let started = performance.now();
    const read = await readCorpus(corpus);
    figures.read.push(pages / ((performance.now() - started) / 1000));
    figures.paragraphs = read.files.reduce((n, f) => n + f.paragraphs.length, 0);
    started = performance.now();
    await buildIndex({ corpusDir: corpus, indexDir: index, embedder: options.embedder, force: true });
    figures.ingest.push(pages / ((performance.now() - started) / 1000));
    options.log(`pdf run ${run}/${options.runs}: read ${figures.read.at(-1)!.toFixed(1)} pages/s, ingest ${figures.ingest.at(-1)!.toFixed(1)} pages/s`);
  }
  await rm(index, { recursive: true, force: true });
  return figures;
}

const minMedian = (xs: number[]) => `${Math.min(...xs).toFixed(1)} / ${percentile(xs, 50).toFixed(1)}`;

export function pdfIngestNote(f: PdfIngestFigures): string {
  return (
    `PDF ingest (${f.files} PDFs, ${f.pages} pages, ${f.paragraphs} paragraphs; header, footer, alternate pages in two columns; ${f.read.length} runs, min / median):\n` +
    `- reading into paragraphs (PDF.js text layer, layout, paragraphs): ${minMedian(f.read)} pages/s\n` +
    `- whole ingest, forced (reading, embedding with the word vectors, writing the index): ${minMedian(f.ingest)} pages/s`
  );
}
