import { type Parse, parseInProcess } from "../parse-job.js";
import type { ParserPool } from "./pool.js";

/**
 * Markdown this short is parsed in this thread: a worker costs ~0.8–1.4 s to start (tsx, remark;
 * measured under load 5–9), which a corpus of small files would pay for nothing — the fixture docs
 * folder (3 files under 1.4 KB) took 2.6 s to ingest in process and 4.0 s with every file in a
 * worker (min of 3 runs, load ~8.5). Such a file is still bounded: markdown-limits.ts refuses the
 * shapes known to stall remark, and the worst of 18 shapes at this size (each pathological pattern
 * at the most the pre-check lets through, nesting 32 deep, and dense valid Markdown: tables,
 * links, lists) parsed in ≤ 0.53 s under load 9 (`npx tsx scripts/bench/parse-times.ts --shapes
 * 4096`), a twentieth of the default budget. Parse time grows faster than size (16 KB of the
 * same: up to 1.7 s), which is why the line is this low.
 */
export const IN_PROCESS_MARKDOWN_CHARS = 4_096;

/** Where each parse runs during an ingest: short Markdown here, everything else in the pool. */
export function routedParse(pool: ParserPool): Parse {
  return (job) => (job.format === "markdown" && job.text.length <= IN_PROCESS_MARKDOWN_CHARS ? parseInProcess(job) : pool.parse(job));
}
