import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { splitSentences } from "../../src/text/sentences.js";

/**
 * A deterministic synthetic corpus of N paragraphs for benchmarks: sentences of the seeds,
 * recombined, with their numbers and country names varied, 200 paragraphs a file — plus a few
 * planted facts at known places, so answers at scale can be checked, not only timed.
 */
export interface PlantedFact {
  question: string;
  expect: string;
  file: string;
  paragraph: number;
}

const COUNTRIES = ["Malaysia", "Vietnam", "Indonesia", "the Philippines", "Thailand", "Singapore", "Brunei", "Cambodia", "Laos", "Myanmar", "Sri Lanka", "Fiji"];
const PLANTS = [
  { sentence: "The Kestrel-class patrol cutter delivered to Palau cost 7.4 billion yen under the coastal resilience fund.", question: "How much did the Kestrel-class patrol cutter for Palau cost?", expect: "7.4 billion" },
  { sentence: "Admiral Tomoko Hayashida opened the Okinawa maritime fusion centre on 14 March.", question: "Who opened the Okinawa maritime fusion centre?", expect: "Hayashida" },
  { sentence: "The Brightwater data cable links Darwin and Kupang with 48 fibre pairs.", question: "How many fibre pairs does the Brightwater data cable have?", expect: "48" },
];
const PARAGRAPHS_PER_FILE = 200;

export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x6d2b79f5) >>> 0;
    s ^= s >>> 13;
    return (s >>> 0) / 4294967296;
  };
}

export async function seedSentences(seedsDir: string): Promise<string[]> {
  const sentences: string[] = [];
  for (const file of (await readdir(seedsDir)).sort()) {
    for (const line of (await readFile(join(seedsDir, file), "utf8")).split("\n")) {
      for (const s of splitSentences(line)) if (s.text.split(" ").length >= 8) sentences.push(s.text);
    }
  }
  return sentences;
}

export async function writeSyntheticCorpus(seedsDir: string, dir: string, paragraphs: number): Promise<PlantedFact[]> {
  const sentences = await seedSentences(seedsDir);
  const rand = random(paragraphs);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const vary = (s: string) =>
    s.replace(/\b\d+(\.\d+)?\b/g, (n) => String(Math.round(Number(n) * (0.5 + rand()) * 10) / 10)).replace(/\b(Malaysia|Vietnam|Indonesia|Thailand)\b/g, () => pick(COUNTRIES));
  const files = Math.ceil(paragraphs / PARAGRAPHS_PER_FILE);
  const planted: PlantedFact[] = [];
  await mkdir(dir, { recursive: true });
  for (let f = 0; f < files; f++) {
    const count = Math.min(PARAGRAPHS_PER_FILE, paragraphs - f * PARAGRAPHS_PER_FILE);
    const lines: string[] = [];
    for (let p = 0; p < count; p++) {
      lines.push(Array.from({ length: 2 + Math.floor(rand() * 3) }, () => vary(pick(sentences))).join(" "));
    }
    const file = `part-${String(f).padStart(4, "0")}.txt`;
    // Plant each fact once, spread across the corpus.
    PLANTS.forEach((plant, i) => {
      if (f === Math.floor(((i + 1) * files) / (PLANTS.length + 1)) && count > 10) {
        const at = 7 + i;
        lines[at] = `${lines[at]} ${plant.sentence}`;
        planted.push({ question: plant.question, expect: plant.expect, file, paragraph: at + 1 });
      }
    });
    await writeFile(join(dir, file), `${lines.join("\n")}\n`);
  }
  return planted;
}
