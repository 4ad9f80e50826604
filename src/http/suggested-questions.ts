import { reader } from "../answer/entities.js";
import type { AskService } from "../service.js";

/** How many suggestions the widget offers: a row of chips that fits a phone's width, wrapped once. */
export const SUGGESTION_COUNT = 3;

/** Candidates tried at most, so a corpus the answerer finds hard costs a bounded start (~0.2 s an answer). */
const MAX_TRIED = 12;

/** A heading worth asking about: a few words, not a lone label ("Time", "Notes") nor a byline ("Authors: …"). */
const MIN_HEADING_WORDS = 2;
const MAX_HEADING_WORDS = 10;

/** Names of two to four capitalised words ("Official Security Assistance", "Defence Minister Koizumi"). */
const NAME = /\b(?:[A-Z][\w'’-]+(?:\s+(?:of|for|and|the)\s+|\s+)){1,3}[A-Z][\w'’-]+/g;
/** A name starting with one of these is a sentence opening, not a name. */
const OPENERS = new Set(["The", "A", "An", "In", "On", "At", "But", "And", "This", "That", "It", "As", "For", "When", "While", "If"]);

const ask = (topic: string) => `What do the documents say about ${topic}?`;

/**
 * The question a heading suggests: one that gives an instruction ("Run the test in the current
 * branch", "Install Fastify": a verb first, wink-nlp's tag, not a gerund) is asked as one — "How
 * do I run the test in the current branch?" — where "What do the documents say about Run the
 * test…?" read as nonsense; any other is asked about as a topic.
 */
export function headingQuestion(heading: string): string {
  const nlp = reader();
  const [first] = nlp.readDoc(heading).tokens().out(nlp.its.pos) as string[];
  const [verb = "", ...rest] = heading.split(/\s+/);
  if (first === "VERB" && !/ing$/i.test(verb) && rest.length > 0) return `How do I ${verb.toLowerCase()} ${rest.join(" ")}?`;
  return ask(heading);
}

const cache = new WeakMap<AskService, Promise<string[]>>();

/**
 * Questions a visitor could start with, drawn from the corpus deterministically (the same index
 * always suggests the same): EXAMPLE_QUESTIONS when configured; else questions about the
 * documents' first headings (in file order), then about the names the most documents mention —
 * keeping only those the service really answers, so a suggestion never leads to a refusal.
 * Computed once per index (a swapped-in index gets its own).
 */
export function suggestedQuestions(service: AskService, configured: string[]): Promise<string[]> {
  if (configured.length) return Promise.resolve(configured.slice(0, SUGGESTION_COUNT));
  let questions = cache.get(service);
  if (!questions) {
    questions = answeredOf(service, candidates(service));
    cache.set(service, questions);
    // A failure (an embedder that could not load this time) is not kept: the next visitor's
    // /widget/config tries again rather than getting a 500 for the life of the index.
    questions.catch(() => cache.delete(service));
  }
  return questions;
}

async function answeredOf(service: AskService, questions: string[]): Promise<string[]> {
  const answered: string[] = [];
  for (const question of questions.slice(0, MAX_TRIED)) {
    if (!(await service.answer(question, { extractiveOnly: true })).abstained) answered.push(question);
    if (answered.length === SUGGESTION_COUNT) break;
  }
  return answered;
}

function candidates(service: AskService): string[] {
  const files = service.files();
  const headings: string[] = [];
  for (const file of files) {
    const heading = service.title(file) ?? service.document(file)?.find((p) => p.kind === "heading" && fitsHeading(p.text))?.text;
    const topic = heading?.replace(/^#+\s*/, "").trim();
    if (topic && !headings.includes(topic)) headings.push(topic);
  }
  return [...headings.map(headingQuestion), ...frequentNames(service, files).map(ask)];
}

function fitsHeading(text: string): boolean {
  const words = text.trim().split(/\s+/).length;
  return words >= MIN_HEADING_WORDS && words <= MAX_HEADING_WORDS && !/[:*]/.test(text);
}

function frequentNames(service: AskService, files: string[]): string[] {
  const documents = new Map<string, number>();
  const mentions = new Map<string, number>();
  for (const file of files) {
    const seen = new Set<string>();
    for (const p of service.document(file) ?? []) {
      if (p.kind === "code") continue;
      for (const [match] of p.text.matchAll(NAME)) {
        const name = match.trim();
        if (OPENERS.has(name.split(/\s+/)[0]!)) continue;
        mentions.set(name, (mentions.get(name) ?? 0) + 1);
        seen.add(name);
      }
    }
    for (const name of seen) documents.set(name, (documents.get(name) ?? 0) + 1);
  }
  const ranked = [...documents.keys()].sort(
    (a, b) => documents.get(b)! - documents.get(a)! || mentions.get(b)! - mentions.get(a)! || a.localeCompare(b),
  );
  // One suggestion per subject: "Defence Minister Koizumi" makes "Minister Koizumi" redundant.
  const chosen: string[] = [];
  for (const name of ranked) if (!chosen.some((c) => c.includes(name) || name.includes(c))) chosen.push(name);
  return chosen;
}
