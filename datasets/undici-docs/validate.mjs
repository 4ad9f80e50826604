// Checks a question set in the heldout format against its corpus folder. Plain Node, no deps.
// Usage: node validate.mjs [SET.json] [CORPUS_DIR]
//   defaults: undici-docs.json undici-docs (relative to this file's folder)
// Errors (exit 1): bad JSON shape, duplicate ids/questions, missing support files, ranges out of
// bounds, must_include sets not found in the support text, unanswerable items with support,
// answerable items without support, kind counts differing from EXPECTED_KINDS (when known).
// Warnings (exit 0): ranges wider than 30 lines, ranges that start or end inside a fenced code
// block, must_include alternatives that appear in no support range.
import { readFileSync, existsSync, statSync } from 'node:fs'
import { dirname, join, resolve, relative, isAbsolute, basename } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const setPath = resolve(here, process.argv[2] ?? 'questions.json')
const corpusDir = resolve(here, process.argv[3] ?? 'corpus')

// Kind counts this set was written to (see README.md); only checked for the named set.
const EXPECTED_KINDS = {
  'questions.json': {
    default: 11, howto: 18, fact: 11, name: 7, error: 9, list: 8, paraphrase: 10, typo: 6, unanswerable: 20
  }
}
const WIDE_RANGE = 30 // same bound as main/datasets/heldout/tools/validate.py uses for its sets
const KEYS = ['id', 'kind', 'question', 'must_include', 'support']

const errors = []
const warnings = []
const err = (id, msg) => errors.push(`${id}: ${msg}`)
const warn = (id, msg) => warnings.push(`${id}: ${msg}`)

let set
try {
  set = JSON.parse(readFileSync(setPath, 'utf8'))
} catch (e) {
  console.error(`cannot read ${setPath}: ${e.message}`)
  process.exit(1)
}
if (!Array.isArray(set)) {
  console.error('top level must be an array')
  process.exit(1)
}

const fileCache = new Map()
function loadLines (file) {
  if (!fileCache.has(file)) {
    const text = readFileSync(join(corpusDir, file), 'utf8')
    const lines = text.split('\n')
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop() // trailing newline is not a line
    // fenceDepth[i] is true when line i+1 is inside a fenced block (fence lines themselves excluded)
    const inside = []
    let open = false
    for (const line of lines) {
      const isFence = /^\s*(?:>\s*)?(```|~~~)/.test(line)
      if (isFence) { inside.push(false); open = !open } else inside.push(open)
    }
    fileCache.set(file, { lines, inside })
  }
  return fileCache.get(file)
}

const ids = new Set()
const questions = new Set()
const kinds = {}
let maxWidth = 0

for (const [i, item] of set.entries()) {
  const id = item && typeof item.id === 'string' ? item.id : `#${i}`
  if (!item || typeof item !== 'object' || Array.isArray(item)) { err(id, 'not an object'); continue }
  const keys = Object.keys(item)
  for (const k of KEYS) if (!keys.includes(k)) err(id, `missing key ${k}`)
  for (const k of keys) if (!KEYS.includes(k)) err(id, `unexpected key ${k}`)
  if (typeof item.id !== 'string' || !item.id) err(id, 'id must be a non-empty string')
  if (ids.has(item.id)) err(id, 'duplicate id')
  ids.add(item.id)
  if (typeof item.kind !== 'string' || !item.kind) err(id, 'kind must be a non-empty string')
  kinds[item.kind] = (kinds[item.kind] ?? 0) + 1
  if (typeof item.question !== 'string' || item.question.trim().length < 5) err(id, 'question too short')
  const qKey = String(item.question).trim().toLowerCase()
  if (questions.has(qKey)) err(id, 'duplicate question')
  questions.add(qKey)
  if (!Array.isArray(item.must_include) || !item.must_include.every(s => typeof s === 'string' && s.trim())) {
    err(id, 'must_include must be an array of non-empty strings'); continue
  }
  if (!Array.isArray(item.support)) { err(id, 'support must be an array'); continue }

  if (item.kind === 'unanswerable') {
    if (item.support.length) err(id, 'unanswerable item has support')
    if (item.must_include.length) err(id, 'unanswerable item has must_include')
    continue
  }
  if (!item.support.length) err(id, 'answerable item has no support')
  if (item.must_include.length < 1 || item.must_include.length > 3) err(id, 'must_include should hold 1-3 strings')

  const texts = []
  for (const s of item.support) {
    if (!s || typeof s.file !== 'string' || !Array.isArray(s.lines) || s.lines.length !== 2 ||
        !s.lines.every(Number.isInteger)) { err(id, `bad support entry ${JSON.stringify(s)}`); continue }
    const full = resolve(corpusDir, s.file)
    const rel = relative(corpusDir, full)
    if (rel.startsWith('..') || isAbsolute(rel)) { err(id, `support file outside corpus: ${s.file}`); continue }
    if (!existsSync(full) || !statSync(full).isFile()) { err(id, `support file missing: ${s.file}`); continue }
    const { lines, inside } = loadLines(s.file)
    const [a, b] = s.lines
    if (a < 1 || b < a || b > lines.length) { err(id, `range ${a}-${b} out of bounds for ${s.file} (${lines.length} lines)`); continue }
    const width = b - a + 1
    maxWidth = Math.max(maxWidth, width)
    if (width > WIDE_RANGE) warn(id, `range ${s.file}:${a}-${b} is ${width} lines wide`)
    if (inside[a - 1]) warn(id, `range ${s.file}:${a}-${b} starts inside a code block`)
    if (inside[b - 1] && b < lines.length) warn(id, `range ${s.file}:${a}-${b} ends inside a code block`)
    texts.push(lines.slice(a - 1, b).join('\n').toLowerCase())
  }
  for (const set of item.must_include) {
    const alts = set.split('|').map(x => x.trim().toLowerCase()).filter(Boolean)
    if (!alts.length) { err(id, `empty must_include set "${set}"`); continue }
    const found = alts.filter(alt => texts.some(t => t.includes(alt)))
    if (!found.length) err(id, `must_include "${set}" not found in support text`)
    for (const alt of alts) if (!found.includes(alt)) warn(id, `alternative "${alt}" of "${set}" not in support text`)
  }
}

const expected = EXPECTED_KINDS[basename(setPath)]
if (expected) {
  for (const k of new Set([...Object.keys(expected), ...Object.keys(kinds)])) {
    if ((kinds[k] ?? 0) !== (expected[k] ?? 0)) err('kinds', `${k}: ${kinds[k] ?? 0} (expected ${expected[k] ?? 0})`)
  }
}

console.log(`${set.length} questions in ${relative(process.cwd(), setPath) || setPath}`)
console.log('kinds: ' + Object.entries(kinds).map(([k, v]) => `${k} ${v}`).join(', '))
console.log(`widest support range: ${maxWidth} lines`)
for (const w of warnings) console.log('warning ' + w)
for (const e of errors) console.log('ERROR ' + e)
console.log(errors.length ? `${errors.length} error(s)` : 'OK')
process.exit(errors.length ? 1 : 0)
