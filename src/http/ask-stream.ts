import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { streamSSE } from "hono/streaming";
import { answerSentences } from "../answer/verify.js";
import type { AskService } from "../service.js";
import type { AskBody } from "./ask-request.js";
import { isClientGone, withDeadline } from "./deadline.js";

/**
 * POST /ask/stream: the same answer as POST /ask, as Server-Sent Events — `answer` events carry
 * text deltas (a sentence with its marker at a time), then `citations`, then `done` with the
 * whole answer; `error` if answering fails after the stream began.
 */
export function askStream(c: Context, service: AskService, body: AskBody, timeoutMs: number) {
  return streamSSE(c, async (stream) => {
    try {
      const answer = await withDeadline(service.answer(body.question, { k: body.k }), timeoutMs);
      const deltas = answerSentences(answer.answer);
      for (const [i, sentence] of deltas.entries()) {
        await stream.writeSSE({ event: "answer", data: JSON.stringify({ delta: i === 0 ? sentence : ` ${sentence}` }) });
      }
      await stream.writeSSE({ event: "citations", data: JSON.stringify({ citations: answer.citations, abstained: answer.abstained, related: answer.related ?? [] }) });
      await stream.writeSSE({ event: "done", data: JSON.stringify(answer) });
    } catch (err) {
      if (isClientGone(err, c.req.raw)) return;
      const timedOut = err instanceof HTTPException && err.status === 504;
      if (!timedOut) console.error("/ask/stream failed:", err);
      const error = timedOut
        ? { code: "timeout", message: "Answering took too long; please try again." }
        : { code: "internal", message: "Answering failed; please try again." };
      await stream.writeSSE({ event: "error", data: JSON.stringify({ error }) });
    }
  });
}
