import type { Context } from "hono";
import { z } from "zod";
import type { FeedbackStore } from "../feedback/store.js";
import { namingTheField } from "./ask-request.js";
import { readJsonBody, refusedUnlessJson } from "./json-body.js";
import { errorResponse } from "./errors.js";

const VOTE_EXAMPLE = '{"id": "...", "vote": "up"}';

/** Messages name their field, as /ask's do ("id must be a string"), never zod's "Expected string, received number". */
const Vote = z.object(
  {
    id: z
      .string({ required_error: "id is required", invalid_type_error: "id must be a string" })
      .min(1, "id must not be empty")
      .max(100, "id must be at most 100 characters"),
    vote: z.enum(["up", "down"], { errorMap: () => ({ message: 'vote must be "up" or "down"' }) }),
  },
  { invalid_type_error: `The body must be a JSON object: ${VOTE_EXAMPLE}` },
);

/**
 * POST /feedback {"id", "vote": "up"|"down"}: a 👍/👎 on an answer /ask/stream gave (its `done`
 * event's id), into the same store as Discord's buttons. A later vote from the same client on
 * the same answer replaces the earlier one.
 */
export async function feedbackVote(c: Context, store: FeedbackStore | undefined, voter: string): Promise<Response> {
  // Sent as JSON, then kept here at all, then readable: the order the checks had before.
  const notJson = refusedUnlessJson(c, "the vote");
  if (notJson) return notJson;
  if (!store) return errorResponse(c, 404, "not_found", "Votes are not kept here");
  const body = await readJsonBody(c, "the vote", VOTE_EXAMPLE);
  if (body instanceof Response) return body;
  const parsed = Vote.safeParse(body.json);
  if (!parsed.success) return errorResponse(c, 400, "invalid_request", namingTheField(parsed.error.issues[0]!));
  if (!(await store.recordVote(parsed.data.id, parsed.data.vote, voter))) return errorResponse(c, 404, "not_found", "No answer with this id was given");
  return c.json({ id: parsed.data.id, vote: parsed.data.vote });
}
