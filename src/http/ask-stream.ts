import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { streamSSE } from "hono/streaming";
import { answerSentences } from "../answer/verify.js";
import { type FeedbackStore, votableAnswerId } from "../feedback/store.js";
import type { AskService } from "../service.js";
import { answerSources } from "./answer-sources.js";
import type { AskBody } from "./ask-request.js";
import { isClientGone, withDeadline } from "./deadline.js";

/**
 * The answer cut into its sentences with the text between them, so the deltas join back into
 * exactly the answer: a code block keeps the line breaks that make it a fenced block.
 */
export function answerDeltas(answer: string): string[] {
  const deltas: string[] = [];
  let from = 0;
  for (const sentence of answerSentences(answer)) {
    const at = answer.indexOf(sentence, from);
    const end = at === -1 ? answer.length : at + sentence.length;
    deltas.push(answer.slice(from, end));
    from = end;
  }
  if (from < answer.length && deltas.length) deltas[deltas.length - 1] += answer.slice(from);
  return deltas;
}

/**
 * POST /ask/stream: the same answer as POST /ask, as Server-Sent Events — `answer` events carry
 * text deltas (a sentence with its marker at a time), then `citations` (with `sources`: each
 * cited paragraph once, with what it adds to the answer), then `done` with the whole answer
 * (and, when votes are kept, the `id` to vote on with POST /feedback); `error` if answering
 * fails after the stream began. A stream that ends without `done` was cut short.
 * With a language model configured, `answer` events carry its sentences as each one's quotes
 * verify, while it writes; `restart` withdraws what was sent when the answer then falls back to
 * the extractive one, whose deltas follow.
 */
export function askStream(c: Context, service: AskService, body: AskBody, timeoutMs: number, feedback?: FeedbackStore) {
  return streamSSE(c, async (stream) => {
    try {
      let sent = "";
      const send = async (delta: string) => {
        sent += delta;
        await stream.writeSSE({ event: "answer", data: JSON.stringify({ delta }) });
      };
      const restart = async () => {
        sent = "";
        await stream.writeSSE({ event: "restart", data: "{}" });
      };
      const answer = await withDeadline(service.answer(body.question, { k: body.k, history: body.history, stream: { sentence: send, restart } }), timeoutMs);
      // Whatever was not streamed while the answer was made (all of an extractive answer).
      if (sent && !answer.answer.startsWith(sent)) await restart();
      for (const delta of answerDeltas(answer.answer.slice(sent.length))) await send(delta);
      const sources = answerSources(answer, service);
      await stream.writeSSE({ event: "citations", data: JSON.stringify({ citations: answer.citations, abstained: answer.abstained, related: answer.related ?? [], sources }) });
      const id = await votableAnswerId(feedback, { question: body.question, answer: answer.answer, citations: answer.citations });
      await stream.writeSSE({ event: "done", data: JSON.stringify(id ? { ...answer, id } : answer) });
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
