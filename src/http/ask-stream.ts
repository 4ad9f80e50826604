import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import { answerSentences } from "../answer/verify.js";
import type { AskService } from "../service.js";
import type { AskBody } from "./ask-request.js";

/**
 * POST /ask/stream: the same answer as POST /ask, as Server-Sent Events — `answer` events carry
 * text deltas (a sentence with its marker at a time), then `citations`, then `done` with the
 * whole answer; `error` if answering fails after the stream began.
 */
export function askStream(c: Context, service: AskService, body: AskBody) {
  return streamSSE(c, async (stream) => {
    try {
      const answer = await service.answer(body.question, { k: body.k });
      const deltas = answerSentences(answer.answer);
      for (const [i, sentence] of deltas.entries()) {
        await stream.writeSSE({ event: "answer", data: JSON.stringify({ delta: i === 0 ? sentence : ` ${sentence}` }) });
      }
      await stream.writeSSE({ event: "citations", data: JSON.stringify({ citations: answer.citations, abstained: answer.abstained, related: answer.related ?? [] }) });
      await stream.writeSSE({ event: "done", data: JSON.stringify(answer) });
    } catch (err) {
      console.error("/ask/stream failed:", err);
      await stream.writeSSE({ event: "error", data: JSON.stringify({ error: { code: "internal", message: "Answering failed; please try again." } }) });
    }
  });
}
