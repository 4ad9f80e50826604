import type { Context } from "hono";
import { z } from "zod";
import { MAX_QUESTION_CHARS, normalizeQuestion } from "../text/question-text.js";
import { errorResponse } from "./errors.js";

export { MAX_QUESTION_CHARS };
export const MAX_BODY_BYTES = 64 * 1024;

const K_RANGE = "k must be a whole number from 1 to 20";

const AskBody = z.object({
  question: z
    .string({ required_error: "question is required", invalid_type_error: "question must be a string" })
    // Normalised before it is measured: the limit is on what will be read.
    .transform(normalizeQuestion)
    .refine((q) => q.length > 0, "question must not be empty")
    .refine((q) => q.length <= MAX_QUESTION_CHARS, `question must be at most ${MAX_QUESTION_CHARS} characters`),
  k: z
    .number({ invalid_type_error: K_RANGE })
    .int(K_RANGE)
    .min(1, K_RANGE)
    .max(20, K_RANGE)
    .optional(),
});

export type AskBody = z.infer<typeof AskBody>;

/**
 * JSON is UTF-8 (RFC 8259): only "application/json", bare or with charset=utf-8, is read as JSON.
 * Other +json types and other charsets are refused rather than misread.
 */
const JSON_CONTENT_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*(?:utf-8|"utf-8")\s*)?$/i;

/** Reads and validates an /ask body, or returns the 4xx response that says what is wrong. */
export async function readAskBody(c: Context): Promise<AskBody | Response> {
  const type = c.req.header("content-type") ?? "";
  if (!JSON_CONTENT_TYPE.test(type.trim())) {
    return errorResponse(c, 415, "unsupported_media_type", "Send the question as JSON with Content-Type: application/json");
  }
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
    const tooLong = issue.message.startsWith("question must be at most");
    return errorResponse(c, 400, tooLong ? "question_too_long" : "invalid_request", namingTheField(issue));
  }
  return { question: parsed.data.question, k: parsed.data.k };
}

/** An issue's message, led by the field it is about when the message does not already name it. */
export function namingTheField(issue: z.ZodIssue): string {
  const field = issue.path.join(".");
  return !field || issue.message.startsWith(`${field} `) ? issue.message : `${field}: ${issue.message}`;
}
