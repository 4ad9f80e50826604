import { MAX_QUESTION_CHARS } from "../text/question-text.js";
import { STOPWORDS, tokenize } from "../text/terms.js";
import type { Turn } from "../types.js";
import { reader } from "./entities.js";

/**
 * Why a question was read as leaning on the turn before it:
 * - ellipsis: it starts as a continuation ("and in Vietnam?", "what about Malaysia?");
 * - reference: a third-person pronoun or a demonstrative with nothing in the question it can
 *   point back to ("how much does it cost?", "who said that?", "when did those talks happen?");
 * - no-content: it has no word that says what it is about ("which ones?", "and now?").
 */
export type FollowUpCue = "ellipsis" | "reference" | "no-content";

/** A question as the core will answer it: itself, or completed from the conversation. */
export interface StandaloneQuestion {
  question: string;
  /** Set when the question was read as a follow-up and completed from the previous turn. */
  cue?: FollowUpCue;
}

interface Token {
  text: string;
  lower: string;
  /** Universal Dependencies part of speech, from wink-nlp's English light model. */
  pos: string;
  space: string;
}

function tokensOf(text: string): Token[] {
  const nlp = reader();
  const tokens = nlp.readDoc(text).tokens();
  const texts = tokens.out() as string[];
  const tags = tokens.out(nlp.its.pos) as string[];
  const spaces = tokens.out(nlp.its.precedingSpaces) as string[];
  return texts.map((t, i) => ({ text: t, lower: t.toLowerCase(), pos: tags[i]!, space: spaces[i]! }));
}

const joinTokens = (tokens: Token[]) => tokens.map((t) => t.space + t.text).join("").trim();

/**
 * wink tags interrogatives (what, who, which) and the speakers themselves (I, you, we) as
 * pronouns too; neither can point back to an earlier turn's subject, so they are not references.
 * These are closed classes of English: the list is complete, not a tuned selection.
 */
const SPEAKER = /^(?:i|me|my|mine|myself|we|us|our|ours|ourselves|you|your|yours|yourself|yourselves)$/;
const INTERROGATIVE = /^(?:what|who|whom|whose|which|whatever|whoever|whichever|how)$/;
/** Indefinite pronouns ("something", "everything", "one") point back at nothing (closed class). */
const INDEFINITE = /^(?:(?:some|any|every|no)(?:thing|one|body|where)|none|one|ones|each|all|both|either|neither|another|other|others|such)$/;
/** The demonstratives (also a closed class): "that", "those talks" point at something already said. */
const DEMONSTRATIVE = /^(?:this|that|these|those)$/;
/** Openings that continue the previous question rather than ask a new one. */
const CONTINUATION = /^(?:(?:and|but|or|also)\b|(?:what|how)\s+about\b|what\s+of\b)/i;

const isNameOrNoun = (t: Token) => t.pos === "NOUN" || t.pos === "PROPN";

/** "it" that stands for nothing ("how much does it cost to build a frigate?", "is it true that …"). */
function isExpletiveIt(tokens: Token[], i: number): boolean {
  return tokens[i]!.lower === "it" && tokens.slice(i + 1).some((t) => (t.lower === "to" && t.pos === "PART") || (t.lower === "that" && t.pos === "SCONJ"));
}

/**
 * Where a question's own nouns can be antecedents: after its question phrase ("how much money",
 * "which regions" name what is asked for, not what a later "it" stands for), so from the first
 * verb or auxiliary on.
 */
function antecedentsFrom(tokens: Token[]): number {
  if (!INTERROGATIVE.test(tokens[0]?.lower ?? "") && !/^(?:when|where|why)$/.test(tokens[0]?.lower ?? "")) return 0;
  const verb = tokens.findIndex((t) => t.pos === "VERB" || t.pos === "AUX");
  return verb === -1 ? 0 : verb;
}

/** "there" is a reference only as a place ("what happened there?"), not in "is there …". */
const isExistentialThere = (tokens: Token[], i: number) =>
  tokens[i]!.lower === "there" && (tokens[i - 1]?.pos === "AUX" || tokens[i + 1]?.pos === "AUX" || tokens[i + 1]?.pos === "VERB");

/** A pronoun or demonstrative whose antecedent is not in the question itself. */
function hasUnresolvedReference(tokens: Token[]): boolean {
  const from = antecedentsFrom(tokens);
  const nounBefore = (i: number) => tokens.slice(from, i).some(isNameOrNoun);
  // A question of several sentences sets up its own context ("I pass my logger … How do I do that?").
  const sentenceBefore = (i: number) => tokens.slice(0, i).some((t, j) => j > 0 && t.pos === "PUNCT" && /^[.?!;]$/.test(t.text) && tokens.slice(0, j).some(isNameOrNoun));
  return tokens.some((t, i) => {
    const before = tokens[i - 1];
    if (DEMONSTRATIVE.test(t.lower)) {
      // After a noun "that" is relative ("the programme that funds"); after a verb such as "say"
      // it introduces a clause. After an auxiliary, a preposition, a question word or at the
      // start it points back ("does that challenge", "of those deals", "why is that …").
      // Before a determiner, pronoun or name it opens a clause ("find out that the browser …").
      const after = tokens[i + 1]?.pos;
      if (after === "DET" || after === "PRON" || after === "PROPN") return false;
      // Last in the question it is a pronoun standing for something said ("who wrote that?").
      const last = after === undefined || after === "PUNCT";
      const pointing = last || !before || before.pos === "AUX" || before.pos === "ADP" || before.pos === "CCONJ" || INTERROGATIVE.test(before.lower);
      return pointing && !sentenceBefore(i);
    }
    if (t.pos !== "PRON" || SPEAKER.test(t.lower) || INTERROGATIVE.test(t.lower) || INDEFINITE.test(t.lower)) return false;
    if (isExpletiveIt(tokens, i) || isExistentialThere(tokens, i)) return false;
    // "when did Japan pass its …", "is the kit Japan hands over meant to let its partners …":
    // a noun or name before the pronoun is taken as what it stands for.
    return !nounBefore(i) && !sentenceBefore(i);
  });
}

/** Words that say what a question is about: not stopwords, not indefinite pronouns ("which ones?"). */
const contentWords = (text: string) => tokenize(text).filter((t) => !STOPWORDS.has(t) && !INDEFINITE.test(t));

/** Why the question leans on an earlier turn, or undefined when it stands on its own. */
export function followUpCue(question: string): FollowUpCue | undefined {
  if (CONTINUATION.test(question.trim())) return "ellipsis";
  if (contentWords(question).length === 0) return "no-content";
  if (hasUnresolvedReference(tokensOf(question))) return "reference";
  return undefined;
}

/** Runs of proper nouns ("Sri Lanka", "Japan"), as token index ranges. */
function nameSpans(tokens: Token[]): [number, number][] {
  const spans: [number, number][] = [];
  tokens.forEach((t, i) => {
    if (t.pos !== "PROPN") return;
    const last = spans[spans.length - 1];
    if (last && last[1] === i) last[1] = i + 1;
    else spans.push([i, i + 1]);
  });
  return spans;
}

type Similarity = (a: string, b: string) => number;

/** A question completed from the one before it, and the name a "what about X?" put in it. */
interface Completed {
  question: string;
  /** The name that replaced the previous subject, so "and Vietnam?" next replaces it again. */
  focus?: string;
}

/**
 * "And in 2026?" after "How much OSA funding was there in 2025?": the previous question with
 * the new subject put in place of the one it replaces — a number for a number; a name for the
 * name the previous follow-up put there, else the name after the same preposition, else the most
 * similar name (word vectors). Without a counterpart, the new words are added to the previous question.
 */
function swapSubject(previous: Completed, remainder: Token[], similarity: Similarity): Completed {
  const prev = tokensOf(previous.question);
  const newNumber = remainder.find((t) => t.pos === "NUM");
  const oldNumber = prev.map((t) => t.pos).lastIndexOf("NUM");
  if (newNumber && oldNumber >= 0) {
    return { question: joinTokens(prev.map((t, i) => (i === oldNumber ? { ...t, text: newNumber.text } : t))) };
  }
  const newName = nameSpans(remainder)[0];
  const spans = nameSpans(prev);
  if (newName && spans.length) {
    const name = remainder.slice(newName[0], newName[1]);
    const text = (span: [number, number]) => prev.slice(span[0], span[1]).map((t) => t.text).join(" ");
    const preposition = remainder[0]?.pos === "ADP" ? remainder[0].lower : undefined;
    const afterSame = spans.find(([from]) => {
      const p = prev[from - 1]?.pos === "DET" ? from - 2 : from - 1;
      return preposition !== undefined && prev[p]?.lower === preposition;
    });
    const closeness = ([from, to]: [number, number]) =>
      Math.max(...prev.slice(from, to).flatMap((a) => name.map((b) => similarity(a.lower, b.lower))));
    // Ties go to the later name: the earlier one is usually the asker's constant subject ("Japan").
    const target =
      spans.find((span) => text(span) === previous.focus) ?? afterSame ?? spans.reduce((best, span) => (closeness(span) >= closeness(best) ? span : best));
    // The new name comes with its own article or none: "in Malaysia" → "in the Philippines" and back.
    const from = prev[target[0] - 1]?.pos === "DET" ? target[0] - 1 : target[0];
    const article = remainder[newName[0] - 1]?.pos === "DET" ? [remainder[newName[0] - 1]!] : [];
    const replacement = [...article, ...name].map((t, i) => ({ ...t, space: i === 0 ? prev[from]!.space : t.space }));
    return {
      question: joinTokens([...prev.slice(0, from), ...replacement, ...prev.slice(target[1])]),
      focus: name.map((t) => t.text).join(" "),
    };
  }
  return { question: `${previous.question} ${joinTokens(remainder)}`.trim() };
}

/** Parts of speech that say what a question is about (not its grammar: pronouns, auxiliaries, "'s"). */
const CONTENT_POS = new Set(["NOUN", "PROPN", "ADJ", "VERB", "NUM", "X"]);

/** The previous question's words that say what it was about, minus those the question repeats. */
function subjectOf(previous: string, question: string): string {
  const asked = new Set(tokenize(question));
  // Whitespace-separated words, so "self-defense" stays one word while wink reads its parts.
  const words: Token[][] = [];
  for (const t of tokensOf(previous)) {
    if (t.space === "" && words.length) words[words.length - 1]!.push(t);
    else words.push([t]);
  }
  const isContent = (t: Token) => CONTENT_POS.has(t.pos) && tokenize(t.text).some((w) => !STOPWORDS.has(w) && !asked.has(w));
  return words
    .filter((word) => word.some(isContent))
    .map((word) => word.filter((t) => t.pos !== "PART" && t.pos !== "PUNCT" || /^[-–]$/.test(t.text)).map((t) => t.text).join(""))
    .join(" ");
}

function complete(question: string, cue: FollowUpCue, previous: Completed, similarity: Similarity): Completed {
  if (cue === "ellipsis") {
    const remainder = tokensOf(question.trim().replace(CONTINUATION, "")).filter((t) => t.pos !== "PUNCT");
    return swapSubject(previous, remainder, similarity);
  }
  const subject = subjectOf(previous.question, question);
  return { question: subject ? `${question} (${subject})` : question };
}

/**
 * The question to answer given the conversation so far. A question that stands on its own is
 * returned unchanged (its answer is byte-identical to asking it alone); a follow-up is completed
 * from the previous turn's question, itself first completed from the turns before it.
 */
export function standaloneQuestion(question: string, history: readonly Turn[], similarity: Similarity): StandaloneQuestion {
  let previous: Completed | undefined;
  for (const turn of history) previous = resolve(turn.question, previous, similarity);
  const { focus: _, ...standalone } = resolve(question, previous, similarity);
  return standalone;
}

function resolve(question: string, previous: Completed | undefined, similarity: Similarity): StandaloneQuestion & Completed {
  const cue = previous && followUpCue(question);
  if (!previous || !cue) return { question };
  const completed = complete(question, cue, previous, similarity);
  // A chain of "and …" turns each adding words must not grow past what one question may be.
  return { ...completed, question: completed.question.slice(0, MAX_QUESTION_CHARS), cue };
}
