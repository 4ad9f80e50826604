import type { Context } from "hono";
import { z } from "zod";
import { K_RANGE, MAX_K } from "../answer/depth.js";
import { MAX_HISTORY_ANSWER_CHARS, MAX_HISTORY_TURNS, MAX_QUESTION_CHARS, normalizeQuestion } from "../text/question-text.js";
import { type ErrorCode, errorResponse } from "./errors.js";
import { readJsonBody } from "./json-body.js";

export { MAX_HISTORY_ANSWER_CHARS, MAX_HISTORY_TURNS, MAX_QUESTION_CHARS };
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Whether a question shows anything: one of only zero-width spaces, soft hyphens, joiners,
 * direction marks or control characters (what a paste can carry) is as empty as one of spaces,
 * which trimming already empties; it was answered with a refusal and arbitrary passages.
 */
const visible = (q: string) => /[^\p{Z}\p{Cc}\p{Cf}]/u.test(q);

/** One earlier turn. Messages leave out the field: readAskBody prefixes its path ("history[1].answer"). */
const HistoryTurn = z
  .object(
    {
      question: z
        .string({ required_error: "is required", invalid_type_error: "must be a string" })
        .transform(normalizeQuestion)
        .refine(visible, "must not be empty")
        .refine((q) => q.length <= MAX_QUESTION_CHARS, `must be at most ${MAX_QUESTION_CHARS} characters`),
      answer: z
        .string({ required_error: "is required", invalid_type_error: "must be a string" })
        .transform((a) => a.normalize("NFKC"))
        .refine((a) => a.length <= MAX_HISTORY_ANSWER_CHARS, `must be at most ${MAX_HISTORY_ANSWER_CHARS} characters`),
    },
    { invalid_type_error: 'must be an object: {"question": "...", "answer": "..."}' },
  );

/** A question over the limit has a code of its own, so a client can say so without reading the message. */
const TOO_LONG = "question_too_long" satisfies ErrorCode;

const AskBody = z.object({
  question: z
    .string({ required_error: "question is required", invalid_type_error: "question must be a string" })
    // Normalised before it is measured: the limit is on what will be read.
    .transform(normalizeQuestion)
    .refine(visible, "question must not be empty")
    .refine((q) => q.length <= MAX_QUESTION_CHARS, { message: `question must be at most ${MAX_QUESTION_CHARS} characters`, params: { code: TOO_LONG } }),
  k: z
    .number({ invalid_type_error: K_RANGE })
    .int(K_RANGE)
    .min(1, K_RANGE)
    .max(MAX_K, K_RANGE)
    .optional(),
  history: z
    .array(HistoryTurn, { invalid_type_error: "must be an array of earlier turns" })
    .max(MAX_HISTORY_TURNS, `may hold at most ${MAX_HISTORY_TURNS} turns (send the most recent)`)
    .optional(),
});

/** "history", 1, "answer" → "history[1].answer". */
const fieldPath = (path: (string | number)[]) => path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${p}` : p)).join("");

export type AskBody = z.infer<typeof AskBody>;

/** Reads and validates an /ask body, or returns the 4xx response that says what is wrong. */
export async function readAskBody(c: Context): Promise<AskBody | Response> {
  const body = await readJsonBody(c, "the question", '{"question": "..."}');
  if (body instanceof Response) return body;
  const { json } = body;
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return errorResponse(c, 400, "invalid_request", 'The body must be a JSON object: {"question": "..."}');
  }
  const parsed = AskBody.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.path[0] === "history") return errorResponse(c, 400, "invalid_request", `${fieldPath(issue.path)} ${issue.message}`);
    const tooLong = issue.code === "custom" && issue.params?.code === TOO_LONG;
    return errorResponse(c, 400, tooLong ? TOO_LONG : "invalid_request", namingTheField(issue));
  }
  return { question: parsed.data.question, k: parsed.data.k, history: parsed.data.history };
}

/** An issue's message, led by the field it is about when the message does not already name it. */
export function namingTheField(issue: z.ZodIssue): string {
  const field = issue.path.join(".");
  return !field || issue.message.startsWith(`${field} `) ? issue.message : `${field}: ${issue.message}`;
}
