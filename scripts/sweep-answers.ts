// Developer tool: an end-to-end sweep of answers on a documentation folder the project has never
// seen — what a user would see broken, found without reading a single answer first.
//
//   npx tsx scripts/sweep-answers.ts <folder>... [--json out.json]
//
// Each folder is opened as scripts open a corpus (fresh index, word-vector embedder) and asked
// about 30 questions made mechanically from it: "How do I <heading>?" / "What is <heading>?" from
// its headings, a content word of one of its sentences turned into "what", five off-topic
// questions, and hostile or odd inputs (a bare "?", 2,000 characters of lorem, Japanese, code
// alone, emoji alone, a URL). Every answer is checked in code for:
//   slow        — the call threw, or took more than 2 s
//   uncited     — an answer (not a refusal) without citations
//   unmarked    — a sentence of the answer without a [n] marker
//   notVerbatim — a citation whose quote is not in the cited paragraph's text (index.byFile)
//   markup      — markup left in the answer outside code fences (](http, **, __, </tag>, :::, {%,
//                 {{<, !!!, &nbsp;, &amp;, a line opening with >, |---)
//   wrapped     — a line break or tab inside the answer's prose (a sentence broken where its file was wrapped)
//   fences      — an odd number of ``` fence lines
//   long        — an answer longer than 1,500 characters
//   markers     — markers out of order, or one pointing at no citation
//   repeated    — the same sentence twice in one answer
//   refusalCited — a refusal carrying citations
//   bare        — an answer that is only a heading of the folder, or prose of fewer than 4 words
// Questions are sampled with a PRNG seeded by the folder's name, so a rerun asks the same ones.
import { writeFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { answerSentences } from "../src/answer/verify.js";
import type { Answer } from "../src/types.js";
import { openCorpus } from "./lib/open-corpus.js";

/** The brief's bound for an answer a user waits on. */
const SLOW_MS = 2000;
/** Beyond this an answer is no longer short: about a screenful in the widget. */
const LONG_CHARS = 1500;
const HEADING_QUESTIONS = 10;
const SENTENCE_QUESTIONS = 10;

const OFF_TOPIC = [
  "What is the capital of Peru?",
  "How do I bake sourdough bread?",
  "Who won the 1998 football World Cup?",
  "What is the boiling point of water on Mount Everest?",
  "How many moons does Jupiter have?",
];

const LOREM =
  "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. ";

const HOSTILE = [
  "?",
  LOREM.repeat(20).slice(0, 2000),
  "このライブラリをインストールするにはどうすればいいですか？",
  "fastify.get('/', ...)",
  "🤔🔥🚀",
  "What does https://example.com/docs/getting-started?ref=nav#install say about installing?",
];

/** Small, seedable PRNG (mulberry32): the same folder gets the same questions. */
function prng(seed: string): () => number {
  let a = [...seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0, 7);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample<T>(items: T[], n: number, random: () => number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}

interface Question {
  source: "heading" | "sentence" | "off-topic" | "hostile";
  question: string;
}

/** A heading usable in a question: words, not a command line or a lone symbol. */
function usableHeading(text: string): boolean {
  const words = text.split(/\s+/).length;
  return words >= 1 && words <= 8 && /[A-Za-z]{3}/.test(text) && text.length <= 60;
}

/** A sentence with one of its longer words turned into "what": "npm stores what in the cache?" */
function blanked(sentence: string, random: () => number): string | undefined {
  const words = sentence.replace(/[.!?:;]+$/, "").split(/\s+/);
  const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => /^[A-Za-z]{6,}$/.test(w));
  const pick = sample(candidates, 1, random)[0];
  if (!pick) return undefined;
  words[pick.i] = "what";
  return `${words.join(" ")}?`;
}

function questionsFor(name: string, paragraphs: { text: string; kind: string }[]): Question[] {
  const random = prng(name);
  const headings = [...new Set(paragraphs.filter((p) => p.kind === "heading" && usableHeading(p.text)).map((p) => p.text))];
  const chosenHeadings = sample(headings, HEADING_QUESTIONS, random);
  const questions: Question[] = chosenHeadings.map((h, i) => ({
    source: "heading",
    question: i % 2 === 0 ? `How do I ${h.toLowerCase()}?` : `What is ${h}?`,
  }));
  const sentences = paragraphs
    .filter((p) => p.kind === "prose")
    .map((p) => p.text.split(/(?<=[.!?])\s+/)[0]!)
    .filter((s) => {
      const words = s.split(/\s+/).length;
      return words >= 8 && words <= 30;
    });
  for (const s of sample(sentences, SENTENCE_QUESTIONS * 3, random)) {
    if (questions.filter((q) => q.source === "sentence").length >= SENTENCE_QUESTIONS) break;
    const q = blanked(s, random);
    if (q) questions.push({ source: "sentence", question: q });
  }
  for (const q of OFF_TOPIC) questions.push({ source: "off-topic", question: q });
  for (const q of HOSTILE) questions.push({ source: "hostile", question: q });
  return questions;
}

const MARKUP: [string, RegExp][] = [
  ["](http", /\]\(https?:/],
  ["**", /\*\*/],
  ["__", /(?<![\w])__|__(?![\w])/],
  // A closing tag or one with attributes: "<div>" and "<boolean>" alone are often the document's own
  // text (inline code whose backticks the reader dropped, Node's type annotations).
  ["<tag>", /<\/[a-zA-Z][\w-]*>|<[a-zA-Z][\w-]*\s+[\w-]+=/],
  [":::", /:::/],
  ["{%", /\{%/],
  ["{{<", /\{\{</],
  ["!!!", /!!!/],
  ["&nbsp;", /&nbsp;/],
  ["&amp;", /&amp;/],
  ["leading >", /^\s*>/m],
  ["|---", /\|\s*:?-{3}/],
];

/** The answer's text outside ``` fenced blocks and `inline code`: where markup would show. */
function prose(answer: string): string {
  // A code block and the marker on the line after it (compose.ts's citedCode) are one thing.
  return answer.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1[^\S\n]*(?:\n\[\d+\])?$/gm, " ").replace(/`[^`\n]*`/g, " ");
}

type Problem = "slow" | "uncited" | "unmarked" | "notVerbatim" | "markup" | "wrapped" | "fences" | "long" | "markers" | "repeated" | "refusalCited" | "bare";
const PROBLEMS: Problem[] = ["slow", "uncited", "unmarked", "notVerbatim", "markup", "wrapped", "fences", "long", "markers", "repeated", "refusalCited", "bare"];

function problemsOf(a: Answer, paragraphText: (file: string, n: number) => string | undefined, headings: Set<string>): Map<Problem, string> {
  const found = new Map<Problem, string>();
  if (a.abstained) {
    if (a.citations.length) found.set("refusalCited", `${a.citations.length} citations`);
    return found;
  }
  if (a.citations.length === 0) found.set("uncited", "");
  const sentences = answerSentences(a.answer);
  const unmarked = sentences.filter((s) => !/\[\d+\]/.test(s));
  if (unmarked.length) found.set("unmarked", unmarked[0]!);
  for (const c of a.citations) {
    const text = paragraphText(c.file, c.paragraph);
    if (text === undefined || !text.includes(c.quote)) found.set("notVerbatim", `[${c.n}] ${c.file} ¶${c.paragraph}: ${c.quote.slice(0, 120)}`);
  }
  const outside = prose(a.answer);
  for (const [name, re] of MARKUP) {
    const m = outside.match(re);
    if (m) found.set("markup", `${name}: …${outside.slice(Math.max(0, m.index! - 40), m.index! + 40)}…`);
  }
  // Code blocks stand a blank line apart from the sentences (compose.ts): any other break is the file's.
  const wrap = outside.replace(/\n\n/g, " ").match(/[\n\t]/);
  if (wrap) found.set("wrapped", JSON.stringify(outside.slice(Math.max(0, wrap.index! - 40), wrap.index! + 40)));
  if ((a.answer.match(/^`{3,}/gm)?.length ?? 0) % 2 !== 0) found.set("fences", "");
  if (a.answer.length > LONG_CHARS) found.set("long", `${a.answer.length} chars`);
  const markers = [...a.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  const numbers = new Set(a.citations.map((c) => c.n));
  const missing = markers.filter((n) => !numbers.has(n));
  const firstSeen = [...new Set(markers)];
  if (missing.length || firstSeen.some((n, i) => n !== i + 1)) found.set("markers", `markers ${markers.join(",")}; citations ${[...numbers].join(",")}`);
  const bodies = sentences.map((s) => s.replace(/(?:\s*\[\d+\])+[.!?…。]*$/, "").trim()).filter(Boolean);
  const dup = bodies.find((b, i) => bodies.indexOf(b) !== i);
  if (dup) found.set("repeated", dup);
  const body = a.answer.replace(/\s*\[\d+\]/g, "").replace(/[.!?。]$/, "").trim();
  const words = outside.replace(/\[\d+\]/g, "").trim().split(/\s+/).filter((w) => /\w/.test(w)).length;
  // An answer of code alone is how code is answered (compose.ts); bare is prose that says nothing.
  const code = a.citations.some((c) => c.kind === "code");
  if (headings.has(body) || (!code && words < 4)) found.set("bare", body);
  return found;
}

interface Row {
  folder: string;
  source: Question["source"];
  question: string;
  ms: number;
  error?: string;
  answer?: Answer;
  problems: Partial<Record<Problem, string>>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : 0;
}

async function sweep(dir: string): Promise<Row[]> {
  const folder = basename(resolve(dir));
  const answerer = await openCorpus(resolve(dir));
  const all = [...answerer.index.byFile.values()].flat();
  const headings = new Set(all.filter((p) => p.kind === "heading").map((p) => p.text));
  const paragraphText = (file: string, n: number) => answerer.index.byFile.get(file)?.[n - 1]?.text;
  const rows: Row[] = [];
  for (const { source, question } of questionsFor(folder, all)) {
    const started = performance.now();
    let answer: Answer | undefined;
    let error: string | undefined;
    try {
      answer = await answerer.answer(question);
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    const ms = Math.round(performance.now() - started);
    const problems: Partial<Record<Problem, string>> = answer ? Object.fromEntries(problemsOf(answer, paragraphText, headings)) : {};
    if (error || ms > SLOW_MS) problems.slow = error ?? `${ms} ms`;
    rows.push({ folder, source, question, ms, error, answer, problems });
  }
  const ms = rows.map((r) => r.ms);
  const counts = PROBLEMS.map((p) => `${p}=${rows.filter((r) => r.problems[p] !== undefined).length}`).join(" ");
  console.log(
    `${folder}: files=${answerer.index.byFile.size} paragraphs=${all.length} questions=${rows.length} refusals=${rows.filter((r) => r.answer?.abstained).length} ` +
      `median=${median(ms)}ms max=${Math.max(...ms)}ms ${counts}`,
  );
  for (const r of rows.filter((r) => Object.keys(r.problems).length)) {
    console.log(`  [${Object.keys(r.problems).join(",")}] ${r.question.slice(0, 100)}`);
    for (const [p, detail] of Object.entries(r.problems)) console.log(`      ${p}: ${String(detail).slice(0, 200)}`);
    console.log(`      answer: ${JSON.stringify(r.answer?.answer.slice(0, 300))}`);
  }
  return rows;
}

const args = process.argv.slice(2);
const jsonAt = args.indexOf("--json");
const out = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : undefined;
const rows: Row[] = [];
for (const dir of args) rows.push(...(await sweep(dir)));
if (out) await writeFile(out, JSON.stringify(rows, null, 1));
