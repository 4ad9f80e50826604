import type { IngestSummary } from "../ingest/build-index.js";
import { ingestBusy, ingestLocked } from "../ingest/lock.js";
import type { ReindexStatus, Reindexer } from "./http/admin-routes.js";
import { logReindexFailure } from "./startup.js";

const now = () => new Date().toISOString();

/**
 * The server's re-indexing — POST /admin/reindex, waited for or not, and npm start's background
 * refresh — one at a time, the last one's outcome kept (in memory) for GET /admin/reindex, so a
 * caller that could not wait for it, or hung up, can still learn how it went.
 */
export class Reindexing implements Reindexer {
  private last: ReindexStatus = { state: "none" };

  constructor(
    private readonly indexDir: string,
    /** LiveService.reindex: an incremental ingest in a child process, then the swap. */
    private readonly reindex: (force: boolean) => Promise<IngestSummary>,
    private readonly log: (line: string) => void,
  ) {}

  run(force: boolean): Promise<IngestSummary> {
    // Its ingest would be refused by the lock anyway; refused here, it does not take the place
    // of the running one's status.
    if (this.running()) return Promise.reject(ingestBusy(this.indexDir));
    const started = now();
    this.last = { state: "running", force, started };
    const ingest = this.reindex(force);
    ingest.then(
      (summary) => (this.last = { state: "finished", force, started, ended: now(), summary }),
      (error: unknown) => (this.last = { state: "failed", force, started, ended: now(), error }),
    );
    return ingest;
  }

  async start(force: boolean): Promise<void> {
    if (this.running()) return;
    // Refused now, as the ingest would refuse it a moment later: a caller that does not wait
    // hears 409, as one that waits does, rather than 202 and then a failure it may never ask about.
    if (await ingestLocked(this.indexDir)) throw ingestBusy(this.indexDir);
    if (this.running()) return; // started by another request while the lock was looked at
    this.run(force).catch((err: unknown) => logReindexFailure(err, this.log));
  }

  status(): ReindexStatus {
    return this.last;
  }

  private running(): boolean {
    return this.last.state === "running";
  }
}
