import type { Context } from "hono";
import { errorResponse } from "./errors.js";

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

/**
 * A request's body read as JSON, or the 415 or 400 that says what to send instead: `what` names
 * it ("the question"), `example` shows its shape.
 */
export async function readJsonBody(c: Context, what: string, example: string): Promise<{ json: unknown } | Response> {
  const notJson = refusedUnlessJson(c, what);
  if (notJson) return notJson;
  try {
    return { json: await c.req.json() };
  } catch {
    return errorResponse(c, 400, "invalid_json", `The body is not valid JSON. Send ${example}`);
  }
}
