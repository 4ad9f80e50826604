// Checks a question set against its corpus folder. Plain Node, no dependencies.
// Usage: node datasets/tools/validate-set.mjs SET.json CORPUS_DIR [--kinds kind=n,kind=n,...] [--show]
//   --kinds: the kind counts the set was written to (each set's README gives its command line).
//   --show prints each question with its support text, for reading by eye.
// Exit code 1 when any check fails. One validator for the sets written since 2026-11-29
// (eslint-plugin-import, gluegun, semantic-release); undici's keeps its own (it tolerates a range
// that ends inside an unclosed code block, an upstream quirk of one of its files).
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Kinds whose questions no document answers: 'unanswerable', and the off-topic sets' kinds
// (datasets/heldout/off-topic.json, datasets/*/off-topic.json: small talk, the time, "What's the price?").
const UNANSWERABLE_KINDS = new Set(['unanswerable', 'small-talk', 'present-moment', 'about-assistant', 'personal', 'general-knowledge', 'arithmetic', 'request', 'vague']);

const flags = process.argv.slice(2);
const kindsAt = flags.indexOf('--kinds');
const args = flags.filter((a, i) => !a.startsWith('--') && (kindsAt < 0 || i !== kindsAt + 1));
const show = flags.includes('--show');
if (args.length !== 2) {
  console.error('usage: node datasets/tools/validate-set.mjs SET.json CORPUS_DIR [--kinds kind=n,...] [--show]');
  process.exit(1);
}
const setPath = resolve(args[0]);
const corpus = resolve(args[1]);
const EXPECTED_KINDS = kindsAt < 0 ? undefined : Object.fromEntries(flags[kindsAt + 1].split(',').map((pair) => {
  const [kind, n] = pair.split('=');
  return [kind, Number(n)];
}));
// A support range is a paragraph, list item, table row or code block (plus its introducing
// sentence), never a whole section: the cap the held-out sets of 2026-11-22 were written to.
const MAX_RANGE_LINES = 30;
const KEYS = ['id', 'kind', 'question', 'must_include', 'support'];

// The brief allows a range over the cap only when it is a whole fenced code block plus the
// sentence introducing it: it must end on the closing fence, and at most INTRO_LINES lines
// (introducing sentence, a note, blank lines) may come before the opening fence.
const INTRO_LINES = 6;
const FENCE = /^\s*(```|~~~)/;
function isWholeCodeBlock(lines, a, b) {
  if (!FENCE.test(lines[b - 1])) return false;
  const first = lines.slice(a - 1, b).findIndex((l) => FENCE.test(l));
  if (first < 0 || first > INTRO_LINES) return false;
  const fences = lines.slice(a - 1 + first, b).filter((l) => FENCE.test(l)).length;
  return fences === 2;
}

const errors = [];
const warnings = [];
const fail = (id, msg) => errors.push(`${id}: ${msg}`);
const fileCache = new Map();
function linesOf(file) {
  if (!fileCache.has(file)) fileCache.set(file, readFileSync(join(corpus, file), 'utf8').split('\n'));
  return fileCache.get(file);
}
const isStr = (x) => typeof x === 'string' && x.trim().length > 0;

let data;
try {
  data = JSON.parse(readFileSync(setPath, 'utf8'));
} catch (e) {
  console.error(`cannot read ${setPath}: ${e.message}`);
  process.exit(1);
}
if (!Array.isArray(data)) {
  console.error('top level must be an array');
  process.exit(1);
}

const seen = new Set();
const seenQuestions = new Set();
const kinds = {};
for (const [i, q] of data.entries()) {
  const id = q?.id ?? `#${i}`;
  if (typeof q !== 'object' || q === null) { fail(id, 'not an object'); continue; }
  const keys = Object.keys(q);
  if (keys.length !== KEYS.length || !KEYS.every((k) => keys.includes(k))) fail(id, `keys must be exactly ${KEYS.join(', ')}; got ${keys.join(', ')}`);
  if (!isStr(q.id)) fail(id, 'id must be a non-empty string');
  if (seen.has(q.id)) fail(id, 'duplicate id');
  seen.add(q.id);
  if (!isStr(q.kind)) fail(id, 'kind must be a non-empty string');
  kinds[q.kind] = (kinds[q.kind] ?? 0) + 1;
  if (!isStr(q.question)) fail(id, 'question must be a non-empty string');
  else if (seenQuestions.has(q.question.trim().toLowerCase())) fail(id, 'duplicate question');
  else seenQuestions.add(q.question.trim().toLowerCase());
  if (!Array.isArray(q.must_include) || !q.must_include.every(isStr)) { fail(id, 'must_include must be an array of non-empty strings'); continue; }
  if (!Array.isArray(q.support)) { fail(id, 'support must be an array'); continue; }

  if (UNANSWERABLE_KINDS.has(q.kind)) {
    if (q.support.length || q.must_include.length) fail(id, 'unanswerable needs empty support and must_include');
    if (show) console.log(`\n=== ${q.id} [${q.kind}] ${q.question}`);
    continue;
  }
  if (!q.support.length) fail(id, 'answerable question without support');
  if (q.must_include.length < 1 || q.must_include.length > 3) fail(id, 'must_include needs 1-3 entries');

  const texts = [];
  for (const s of q.support) {
    if (typeof s !== 'object' || s === null || !isStr(s.file) || !Array.isArray(s.lines) || s.lines.length !== 2) { fail(id, `bad support entry ${JSON.stringify(s)}`); continue; }
    if (s.file.startsWith('/') || s.file.split('/').includes('..')) { fail(id, `file outside the corpus ${s.file}`); continue; }
    if (!existsSync(join(corpus, s.file))) { fail(id, `missing file ${s.file}`); continue; }
    const [a, b] = s.lines;
    const lines = linesOf(s.file);
    // A trailing newline leaves one empty element after split; it is not a line.
    const count = lines.at(-1) === '' ? lines.length - 1 : lines.length;
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 1 || b < a || b > count) { fail(id, `range ${a}-${b} out of bounds for ${s.file} (${count} lines)`); continue; }
    if (b - a + 1 > MAX_RANGE_LINES) {
      if (isWholeCodeBlock(lines, a, b)) warnings.push(`${id}: range ${s.file}:${a}-${b} is ${b - a + 1} lines (a whole code block plus its introduction)`);
      else fail(id, `range ${s.file}:${a}-${b} wider than ${MAX_RANGE_LINES} lines and not a whole code block`);
    }
    const text = lines.slice(a - 1, b).join('\n');
    if (!text.trim()) fail(id, `range ${s.file}:${a}-${b} is blank`);
    texts.push({ where: `${s.file}:${a}-${b}`, text });
  }
  for (const m of q.must_include) {
    const alts = m.split('|').map((x) => x.toLowerCase());
    if (!alts.some((alt) => texts.some((t) => t.text.toLowerCase().includes(alt)))) fail(id, `must_include "${m}" not found in any support range`);
  }
  if (show) {
    console.log(`\n=== ${q.id} [${q.kind}] ${q.question}\n    must: ${JSON.stringify(q.must_include)}`);
    for (const t of texts) console.log(`--- ${t.where}\n${t.text}`);
  }
}

if (EXPECTED_KINDS) {
  for (const [k, n] of Object.entries(EXPECTED_KINDS)) if (kinds[k] !== n) errors.push(`kind ${k}: expected ${n}, got ${kinds[k] ?? 0}`);
  for (const k of Object.keys(kinds)) if (!(k in EXPECTED_KINDS)) errors.push(`unexpected kind ${k}`);
}

console.log(`${data.length} questions; kinds: ${JSON.stringify(kinds)}`);
if (warnings.length) console.log(`${warnings.length} warning(s):\n` + warnings.map((w) => `  - ${w}`).join('\n'));
if (errors.length) {
  console.log(`${errors.length} problem(s):\n` + errors.map((e) => `  - ${e}`).join('\n'));
  process.exit(1);
}
console.log('OK');
