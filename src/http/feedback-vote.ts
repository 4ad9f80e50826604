import type { Context } from "hono";
import { z } from "zod";
import type { FeedbackStore } from "../feedback/store.js";
import { errorResponse } from "./errors.js";

const Vote = z.object({
  id: z.string({ required_error: "id is required" }).min(1).max(100),
  vote: z.enum(["up", "down"], { errorMap: () => ({ message: 'vote must be "up" or "down"' }) }),
});

/**
 * POST /feedback {"id", "vote": "up"|"down"}: a 👍/👎 on an answer /ask/stream gave (its `done`
 * event's id), into the same store as Discord's buttons. A later vote from the same client on
 * the same answer replaces the earlier one.
 */
export async function feedbackVote(c: Context, store: FeedbackStore | undefined, voter: string): Promise<Response> {
  if (!store) return errorResponse(c, 404, "not_found", "Votes are not kept here");
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    return errorResponse(c, 400, "invalid_json", 'The body is not valid JSON. Send {"id": "...", "vote": "up"}');
  }
  const parsed = Vote.safeParse(json);
  if (!parsed.success) return errorResponse(c, 400, "invalid_request", parsed.error.issues[0]!.message);
  if (!(await store.recordVote(parsed.data.id, parsed.data.vote, voter))) return errorResponse(c, 404, "not_found", "No answer with this id was given");
  return c.json({ id: parsed.data.id, vote: parsed.data.vote });
}
