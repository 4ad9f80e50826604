import type { ChatRequest, Scripted } from "./openai-test-server.js";
import { sourceNumberOf } from "./openai-test-server.js";

/**
 * Scripted model replies for the canonical question, the same for every surface. Each names what
 * the answer must then be: the model's ("llm"), the extractive fallback, or (for a question the
 * documents don't cover) a refusal without the model ever being asked.
 */

/** Verbatim text of 001 ¶10 and of 002 ¶14, both retrieved for the canonical question. */
export const VESSEL = "A 3.1 billion yen diving support vessel for Malaysia";
export const BUDGET = "will increase OSA funding from 8.1 billion yen in 2025 to 18.1 billion yen";
/** BUDGET as a model might retype it: the same words, spaced differently (whitespace is the one liberty besides quote marks and dashes). */
const BUDGET_RETYPED = "will  increase OSA funding\tfrom 8.1 billion yen in 2025 to 18.1 billion yen";

export const UNCOVERED = "What is the population of Vietnam?";

export const GOOD_SENTENCES = ["OSA pays for a diving support vessel for Malaysia [1].", "Its budget grows from 8.1 to 18.1 billion yen [2]."];
export const GOOD_ANSWER = GOOD_SENTENCES.join(" ");

const cite = (request: ChatRequest, quote: string, typed = quote, open = '"', close = '"') => `[${sourceNumberOf(request, quote)}: ${open}${typed}${close}]`;

/** Two sentences, each citing a real quote: curly quote marks around one, spacing retyped in the other. */
export function goodReply(request: ChatRequest): string {
  return [
    `OSA pays for a diving support vessel for Malaysia. ${cite(request, VESSEL, VESSEL, "“", "”")}`,
    `Its budget grows from 8.1 to 18.1 billion yen. ${cite(request, BUDGET, BUDGET_RETYPED)}`,
  ].join("\n");
}

export type Outcome = "llm" | "extractive" | "refusal";

export interface Scenario {
  name: string;
  question: string;
  script: (request: ChatRequest, index: number) => Scripted;
  outcome: Outcome;
  /** How many requests the model server must have received. */
  requests: number;
}

const FABRICATED = "A fleet of three submarines for the Malaysian navy";

export const SCENARIOS: Scenario[] = [
  { name: "a good reply", question: "What does OSA fund in Malaysia?", script: (r) => ({ reply: goodReply(r) }), outcome: "llm", requests: 1 },
  {
    name: "a fabricated quote",
    question: "What does OSA fund in Malaysia?",
    script: (r) => ({ reply: `OSA funds submarines for Malaysia. ${cite(r, VESSEL, FABRICATED)}` }),
    outcome: "extractive",
    requests: 1,
  },
  {
    name: "a marker to a source that doesn't exist",
    question: "What does OSA fund in Malaysia?",
    script: () => ({ reply: `OSA pays for a diving support vessel for Malaysia. [42: "${VESSEL}"]` }),
    outcome: "extractive",
    requests: 1,
  },
  { name: "a question the documents don't cover", question: UNCOVERED, script: (r) => ({ reply: goodReply(r) }), outcome: "refusal", requests: 0 },
  {
    name: "a reply in the wrong format",
    question: "What does OSA fund in Malaysia?",
    script: () => ({ reply: `OSA pays for a diving support vessel for Malaysia (source 1, "${VESSEL}").` }),
    outcome: "extractive",
    requests: 1,
  },
  { name: "a timeout", question: "What does OSA fund in Malaysia?", script: () => ({ hang: true }), outcome: "extractive", requests: 1 },
  { name: "a 500, then a good reply (one retry)", question: "What does OSA fund in Malaysia?", script: (r, i) => (i === 0 ? { status: 500 } : { reply: goodReply(r) }), outcome: "llm", requests: 2 },
  { name: "a 500 twice (no second retry)", question: "What does OSA fund in Malaysia?", script: () => ({ status: 503 }), outcome: "extractive", requests: 2 },
  { name: "a 401 (never retried)", question: "What does OSA fund in Malaysia?", script: () => ({ status: 401 }), outcome: "extractive", requests: 1 },
];

export const scenario = (name: string) => SCENARIOS.find((s) => s.name === name)!;
