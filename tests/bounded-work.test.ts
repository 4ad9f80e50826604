import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { startServer } from "./support/http-server.js";
import { seedService } from "./support/seed-index.js";
import { startServerProcess } from "./support/server-process.js";
import { tempDir } from "./support/temp.js";

/**
 * Issue 13: one question must not stall the server. The bounds are generous on purpose (the
 * real figures are in BENCHMARKS.md): a hostile question finishes within 1 s, and /health
 * answers within 500 ms while ten of them run. /health takes 8–21 ms here with the machine idle,
 * but 171 ms once in three idle runs and 237 ms once under the suite's own parallel load
 * (2026-12-01, at two commits): the 200 ms this bound was failed a green tree. 500 ms is still
 * half a question's bound, and a stall — what this guards — held the server for seconds.
 */
const QUESTION_BOUND_MS = 1_000;
const HEALTH_BOUND_MS = 500;

/** Deterministic pseudo-random letters (xorshift), so every run asks the same questions. */
function letters(seed: number): () => string {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return String.fromCharCode(97 + ((s >>> 0) % 26));
  };
}

const randomWords = (count: number, length: number, seed: number) => {
  const next = letters(seed);
  return Array.from({ length: count }, () => Array.from({ length }, next).join(""));
};

/** The two hostile questions of issue 13: NFKC-expanding characters, and many invented words. */
const hostile = (seed: number) => [
  "\uFDFA".repeat(2000), // 2,000 characters that NFKC makes 36,000
  "\uFDFA".repeat(110), // under the limit after NFKC (1,980): answered, not refused
  randomWords(222, 8, seed).join(" "),
];

async function timedAsk(base: string, question: string): Promise<{ status: number; ms: number }> {
  const start = performance.now();
  const response = await fetch(`${base}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - start };
}

async function expectBounded(base: string) {
  // What loads on first use (the word vectors' shards, typo repair's vocabulary: ~0.4 s here) is
  // start-up, measured as cold start in the bench; the bound is on each question's own work.
  // Under CI's load the first hostile question, paying for both, took 1.3 s (2026-12-01).
  expect((await timedAsk(base, "What does OSA fund in Malaysa?")).status).toBe(200);
  for (const [i, question] of hostile(1).entries()) {
    const { status, ms } = await timedAsk(base, question);
    expect(status, `question ${i}`).toBe(i === 0 ? 400 : 200);
    expect(ms, `question ${i}`).toBeLessThan(QUESTION_BOUND_MS);
  }
  const running = Array.from({ length: 10 }, (_, i) => timedAsk(base, hostile(100 + i)[i % 3]!));
  await new Promise((r) => setTimeout(r, 20));
  const start = performance.now();
  const health = await fetch(`${base}/health`);
  const healthMs = performance.now() - start;
  expect(health.status).toBe(200);
  expect(healthMs).toBeLessThan(HEALTH_BOUND_MS);
  for (const { status } of await Promise.all(running)) expect([200, 400]).toContain(status);
}

describe("bounded work per question", () => {
  it("on the seeds: hostile questions finish within 1 s and /health stays prompt", async () => {
    await expectBounded(await startServer(await seedService(), { ratePerMinute: 10_000 }));
  });

  it("on a corpus of 50,000 distinct words: the same", async () => {
    const corpus = join(await tempDir("many-words"), "corpus");
    await mkdir(corpus);
    const words = randomWords(50_000, 9, 7);
    const lines: string[] = [];
    for (let i = 0; i < words.length; i += 10) lines.push(`The survey of ${words.slice(i, i + 10).join(" ")} ended.`);
    await writeFile(join(corpus, "words.txt"), `${lines.join("\n")}\n`);
    const server = await startServerProcess({ CORPUS_DIR: corpus, INDEX_DIR: join(corpus, "..", "index") });
    await expectBounded(server.base);
  });
});

describe("questions are measured after normalisation", () => {
  let base: string;
  beforeAll(async () => {
    base = await startServer(await seedService());
  });

  it("refuses a question that NFKC makes longer than 2,000 characters", async () => {
    const response = await fetch(`${base}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: "\uFDFA".repeat(200) }) });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("question_too_long");
  });
});
