import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { MarkdownTooComplexError } from "../markdown-limits.js";
import type { Parse, ParseFormat, ParseJob, ParsedDocument } from "../parse-job.js";
import { SkipFile } from "../skip.js";
import type { JobMessage, WorkerMessage } from "./messages.js";
import { parserWorkerScript } from "./worker-script.js";

/**
 * Parsers that can run long (remark, parse5, mammoth, PDF.js) run in a small pool of worker
 * threads, each parse under a time budget (issue 11 and issue 13 item 3: one file never stalls an
 * ingest, nor a server starting on a corpus). A file whose parse runs past the budget is skipped
 * with the reason; its worker is terminated (V8 stops it mid-parse) and a new one takes the next
 * file. A worker that dies (a crash, the heap limit below) skips only the file it held.
 *
 * Workers start when the first file needs one (a corpus of plain text never starts any) and the
 * pool is closed when the corpus has been read, so no thread outlives the ingest.
 */

/**
 * At most this many parser threads, however many cores. Each worker adds ~100–110 MB of RSS
 * once remark is loaded (scripts/bench/parse-times.ts prints it), so 4 keeps a many-core machine's
 * parser threads under ~0.5 GB beside the ingest's own memory; and reading is only one stage of an
 * ingest (embedding and building the graph follow on the main thread), so more threads would
 * shorten the smaller part. On this 2-core machine the pool is 2.
 */
export const MAX_PARSER_WORKERS = 4;

/**
 * A parse that runs out of heap kills its worker, not the ingest. remark's heap grows with what it
 * has parsed: 364 MB after 0.41 MB of generated sections (8.5 s, within the default budget at
 * load), 1.7 GB after 1.64 MB (119 s). 2 GB leaves the default budget ~5× headroom and still
 * stops a parse under a raised budget before it takes the machine's memory.
 */
const WORKER_HEAP_MB = 2048;

export const parserPoolSize = () => Math.min(availableParallelism(), MAX_PARSER_WORKERS);

/** The pool itself cannot run (no worker starts): an ingest fails with this, it is no file's fault. */
export class ParserUnavailableError extends Error {
  override name = "ParserUnavailableError";
}

const WHAT_WAS_NOT_DONE: Record<ParseFormat, string> = {
  markdown: "not parsed as Markdown",
  html: "not parsed as HTML",
  docx: "not read as a Word file",
  pdf: "not read as a PDF",
};

const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${ms / 1000} s`);

/** The ingest report's reason for a file whose parse ran past the budget. */
export const overBudgetReason = (format: ParseFormat, budgetMs: number) =>
  `${WHAT_WAS_NOT_DONE[format]}: parsing took longer than ${duration(budgetMs)} (PARSE_TIMEOUT_MS)`;

function errorOf(message: Exclude<WorkerMessage, { type: "ready" | "started" | "done" }>): Error {
  if (message.type === "skip") return new SkipFile(message.reason);
  if (message.type === "too-complex") return new MarkdownTooComplexError(message.message);
  return new Error(message.message);
}

interface Slot {
  worker: Worker;
  alive: boolean;
}

export class ParserPool {
  private readonly slots = new Set<Slot>();
  private readonly idle: Slot[] = [];
  private readonly waiting: { resolve: (slot: Slot) => void; reject: (err: Error) => void }[] = [];
  private nextId = 0;
  private closed = false;
  /** Workers being started whose script is not ready yet. */
  private starting = 0;

  constructor(
    /** Longest a parse may run, from when the worker starts it (its reader already loaded). */
    readonly budgetMs: number,
    readonly size = parserPoolSize(),
  ) {}

  /** Parses one file in a worker (see ParseJob); rejects with SkipFile when it runs past the budget. */
  parse: Parse = async (job) => {
    const slot = await this.acquire();
    try {
      return await this.run(slot, job);
    } finally {
      this.release(slot);
    }
  };

  /** Terminates every worker; a parse still waiting for one is refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new ParserUnavailableError("the parser pool was closed"));
    const workers = [...this.slots].map((s) => s.worker);
    this.slots.clear();
    this.idle.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private acquire(): Promise<Slot> {
    if (this.closed) return Promise.reject(new ParserUnavailableError("the parser pool was closed"));
    const slot = this.idle.pop();
    if (slot) return Promise.resolve(slot);
    if (this.slots.size + this.starting < this.size) return this.spawn();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** A finished slot goes to the next parse waiting; a dead one's place to a new worker. */
  private release(slot: Slot): void {
    if (this.closed) return;
    const waiter = this.waiting.shift();
    if (slot.alive && !waiter) this.idle.push(slot);
    else if (slot.alive) waiter!.resolve(slot);
    else if (waiter) this.spawn().then(waiter.resolve, waiter.reject);
  }

  private discard(slot: Slot): void {
    slot.alive = false;
    this.slots.delete(slot);
    void slot.worker.terminate();
  }

  /** A new worker, once its code has loaded. */
  private async spawn(): Promise<Slot> {
    this.starting++; // counted at once: parses that come in meanwhile must not start workers of their own
    let script: URL;
    try {
      script = await parserWorkerScript();
    } catch (err) {
      throw new ParserUnavailableError(`the parser worker could not be built: ${(err as Error).message}`);
    } finally {
      this.starting--;
    }
    if (this.closed) throw new ParserUnavailableError("the parser pool was closed");
    // No execArgv of the parent (tsx's loader, an inspector port): the script is plain JavaScript.
    const worker = new Worker(script, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const slot: Slot = { worker, alive: true };
    this.slots.add(slot);
    return new Promise((resolve, reject) => {
      const fail = (why: string) => {
        worker.off("message", onMessage);
        this.discard(slot);
        reject(new ParserUnavailableError(`the parser worker could not start: ${why}`));
      };
      const onMessage = (message: WorkerMessage) => {
        if (message.type !== "ready") return;
        worker.off("error", onError).off("exit", onExit).off("message", onMessage);
        resolve(slot);
      };
      const onError = (err: Error) => fail(err.message);
      const onExit = (code: number) => fail(`it exited with status ${code}`);
      worker.on("message", onMessage).once("error", onError).once("exit", onExit);
    });
  }

  private run(slot: Slot, job: ParseJob): Promise<ParsedDocument> {
    const id = ++this.nextId;
    const { worker } = slot;
    return new Promise((resolve, reject) => {
      let budget: NodeJS.Timeout | undefined;
      const settle = (outcome: () => void, workerLives: boolean) => {
        clearTimeout(budget);
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
        if (!workerLives) this.discard(slot);
        outcome();
      };
      const overBudget = () => settle(() => reject(new SkipFile(overBudgetReason(job.format, this.budgetMs))), false);
      const onMessage = (message: WorkerMessage) => {
        if (!("id" in message) || message.id !== id) return;
        if (message.type === "started") budget = setTimeout(overBudget, this.budgetMs);
        else if (message.type === "done") settle(() => resolve(message.document), true);
        else settle(() => reject(errorOf(message)), true);
      };
      // A worker that dies mid-parse (out of heap, a crash in a native module) takes only this file.
      const onError = (err: Error) => settle(() => reject(err), false);
      const onExit = (code: number) => settle(() => reject(new Error(`the parser worker stopped (exit status ${code})`)), false);
      worker.on("message", onMessage).once("error", onError).once("exit", onExit);
      worker.postMessage({ id, job } satisfies JobMessage);
    });
  }
}
