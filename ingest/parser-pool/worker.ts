import { parentPort } from "node:worker_threads";
import { MarkdownTooComplexError } from "../markdown-limits.js";
import { parserFor } from "../parse-job.js";
import { SkipFile } from "../skip.js";
import type { JobMessage, WorkerMessage } from "./messages.js";

/** A parser worker (see pool.ts): parses one file at a time and says how it went. */
const port = parentPort!;
const send = (message: WorkerMessage) => port.postMessage(message);

function outcomeOf(id: number, err: unknown): WorkerMessage {
  if (err instanceof SkipFile) return { id, type: "skip", reason: err.reason };
  if (err instanceof MarkdownTooComplexError) return { id, type: "too-complex", message: err.message };
  return { id, type: "failed", message: err instanceof Error ? err.message : String(err) };
}

port.on("message", async ({ id, job }: JobMessage) => {
  try {
    const parse = await parserFor(job.format);
    send({ id, type: "started" });
    send({ id, type: "done", document: await parse(job) });
  } catch (err) {
    send(outcomeOf(id, err));
  }
});
send({ type: "ready" });
