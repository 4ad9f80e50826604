/**
 * How long one file's parse may run before the file is skipped (PARSE_TIMEOUT_MS). Set from the
 * slowest real document's parse, timed in a parser worker as an ingest runs it
 * (`npx tsx scripts/bench/parse-times.ts`: 177 documents of fastify's, undici's and
 * eslint-plugin-import's docs and the fixture folder, slowest of 3 runs each): fastify's
 * Reference/Server.md, 80 KB, 0.68 s at load average 4.7 on this 2-core machine (0.60 s in a second
 * measurement at load 6.4). The margin,
 * ×15, is ×5 for the load averages of 12–24 this machine sees (parses run up to ~5× slower than
 * at load 5) and ×3 for real documents larger than any in those folders (parse time grows faster
 * than size: 0.41 MB of ordinary generated sections took 8.5 s). A file past it costs the ingest
 * at most this long, and is named in the report.
 */
export const DEFAULT_PARSE_TIMEOUT_MS = 10_000;
