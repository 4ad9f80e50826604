import type { ParseJob, ParsedDocument } from "../parse-job.js";

/** What the pool sends a parser worker: one file to parse. */
export interface JobMessage {
  id: number;
  job: ParseJob;
}

/**
 * What a parser worker answers. `ready` once its code has loaded; per job, `started` when the
 * format's reader is loaded (the time budget runs from here), then one outcome. Errors do not
 * survive the thread boundary as their classes, so a skip and a refused Markdown shape are named.
 */
export type WorkerMessage =
  | { type: "ready" }
  | { id: number; type: "started" }
  | { id: number; type: "done"; document: ParsedDocument }
  | { id: number; type: "skip"; reason: string }
  | { id: number; type: "too-complex"; message: string }
  | { id: number; type: "failed"; message: string };
