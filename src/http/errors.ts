import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ErrorCode =
  | "invalid_json"
  | "bad_request"
  | "request_timeout"
  | "headers_too_large"
  | "unsupported_media_type"
  | "payload_too_large"
  | "invalid_request"
  | "question_too_long"
  | "not_found"
  | "method_not_allowed"
  | "invalid_signature"
  | "unauthorized"
  | "forbidden"
  | "rate_limited"
  | "timeout"
  | "conflict"
  | "no_documents"
  | "index_unavailable"
  /** Only on the Worker, whose variables are read on its first request (Node refuses to start). */
  | "invalid_configuration"
  | "internal";

/** What a 500 says: the error itself goes to the log, not to the client. */
export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side; the error is logged.";

/** The one error shape every endpoint answers with: {"error":{"code","message"}}. */
export function errorResponse(c: Context, status: ContentfulStatusCode, code: ErrorCode, message: string) {
  return c.json({ error: { code, message } }, status);
}
