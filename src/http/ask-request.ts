import type { Context } from "hono";
import { z } from "zod";
import { K_RANGE, MAX_K } from "../answer/depth.js";
import { MAX_HISTORY_ANSWER_CHARS, MAX_HISTORY_TURNS, MAX_QUESTION_CHARS, normalizeQuestion } from "../text/question-text.js";
import { type ErrorCode, errorResponse } from "./errors.js";

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

/**
 * JSON is UTF-8 (RFC 8259): only "application/json", bare or with charset=utf-8, is read as JSON.
 * Other +json types and other charsets are refused rather than misread.
 */
const JSON_CONTENT_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*(?:utf-8|"utf-8")\s*)?$/i;

/**
 * The 415 for a body not sent as JSON (see JSON_CONTENT_TYPE), naming `what` to send ("the
 * question"); undefined when it is JSON. Requiring the type also makes a browser on another site
 * ask first (a CORS preflight): a form or text/plain post is a "simple request" it sends unasked.
 */
export function refusedUnlessJson(c: Context, what: string): Response | undefined {
  const type = c.req.header("content-type") ?? "";
  if (JSON_CONTENT_TYPE.test(type.trim())) return undefined;
  return errorResponse(c, 415, "unsupported_media_type", `Send ${what} as JSON with Content-Type: application/json`);
}

/** Reads and validates an /ask body, or returns the 4xx response that says what is wrong. */
export async function readAskBody(c: Context): Promise<AskBody | Response> {
  const notJson = refusedUnlessJson(c, "the question");
  if (notJson) return notJson;
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    return errorResponse(c, 400, "invalid_json", 'The body is not valid JSON. Send {"question": "..."}');
  }
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
