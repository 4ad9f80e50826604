// Issue 13's hostile questions and the corpus that made one of them stall the server: shared by
// tests/bounded-work.test.ts (behaviour) and `npm run bench` (scripts/bench/hostile-questions.ts: time).
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

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

/** Issue 13's hostile questions: NFKC-expanding characters, and many invented words. */
export const hostileQuestions = (seed: number) => [
  "\uFDFA".repeat(2000), // 2,000 characters that NFKC makes 36,000: refused (400)
  "\uFDFA".repeat(110), // under the limit after NFKC (1,980): answered
  randomWords(222, 8, seed).join(" "),
];

/** A corpus of 50,000 distinct invented words, the vocabulary that made typo repair stall. */
export async function writeManyWordsCorpus(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const words = randomWords(50_000, 9, 7);
  const lines: string[] = [];
  for (let i = 0; i < words.length; i += 10) lines.push(`The survey of ${words.slice(i, i + 10).join(" ")} ended.`);
  await writeFile(join(dir, "words.txt"), `${lines.join("\n")}\n`);
}
