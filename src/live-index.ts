import { watch } from "node:fs";
import type { IngestSummary } from "../ingest/build-index.js";
import type { Config } from "./config.js";
import { firstLine } from "./embeddings/embedder.js";
import { currentBuildName } from "./index-store/layout.js";
import { ingestInChildProcess } from "./ingest-process.js";
import type { AskService } from "./service.js";
import { openService } from "./open-service.js";
import { counted } from "./text/plural.js";

/**
 * One build's service as LiveService hands it out. It counts the questions it is answering, so
 * that once a swap has retired it and the last of them is done, the build's graph is released at
 * once: ~65 MB at 100k paragraphs that garbage collection frees only whenever it next collects
 * the graph's small wrapper, seconds or minutes later (issue 13: RSS during a swap). A question
 * put to it after that, by a request that fetched it before the swap, is answered by the live
 * build instead; its documents stay readable.
 */
class ServedBuild implements AskService {
  private answering = 0;
  private retired = false;
  private released = false;

  constructor(
    private readonly inner: AskService,
    private readonly live: () => AskService,
  ) {}

  answer(...args: Parameters<AskService["answer"]>) {
    return this.track((service) => service.answer(...args));
  }

  retrieve(...args: Parameters<AskService["retrieve"]>) {
    return this.track((service) => service.retrieve(...args));
  }

  health() {
    return this.inner.health();
  }

  document(file: string) {
    return this.inner.document(file);
  }

  files() {
    return this.inner.files();
  }

  title(file: string) {
    return this.inner.title(file);
  }

  corpusDir() {
    return this.inner.corpusDir();
  }

  /** No longer live: released as soon as it answers nothing. */
  retire(): void {
    this.retired = true;
    this.releaseIfDone();
  }

  private async track<T>(ask: (service: AskService) => Promise<T>): Promise<T> {
    if (this.released) return ask(this.live());
    this.answering++;
    try {
      return await ask(this.inner);
    } finally {
      this.answering--;
      this.releaseIfDone();
    }
  }

  private releaseIfDone(): void {
    if (!this.retired || this.released || this.answering > 0) return;
    this.released = true;
    this.inner.release?.();
  }
}

/**
 * The service over whichever index build is live, swapped atomically when a new build appears
 * (after npm run ingest, or POST /admin/reindex). A request keeps the service it started with, so
 * requests in flight finish on the old index; a build that fails to load is refused and the
 * last good one keeps serving.
 */
export class LiveService {
  private loading: Promise<void> | null = null;
  private stopWatching: (() => void) | null = null;
  /** The last build that failed to load: builds never change, so it is not tried (nor logged) again. */
  private refused: string | null = null;

  private service: ServedBuild;
  /** Aborted by close(): an ingest still running in its child process stops with the server. */
  private readonly closing = new AbortController();

  private constructor(
    private readonly config: Config,
    service: AskService,
    private build: string,
    private readonly log: (line: string) => void,
  ) {
    this.service = this.served(service);
  }

  static async open(config: Config, log: (line: string) => void = () => {}): Promise<LiveService> {
    const build = (await currentBuildName(config.indexDir)) ?? "";
    return new LiveService(config, await openService(config, { corpusDir: config.corpusDir }), build, log);
  }

  private served(service: AskService): ServedBuild {
    return new ServedBuild(service, () => this.service);
  }

  current(): AskService {
    return this.service;
  }

  /** Loads the live build if it is not the one being served; keeps the old one if it fails. */
  refresh(): Promise<void> {
    this.loading ??= (async () => {
      try {
        // Again if CURRENT moved on while a build was loading (a notice then joined this load).
        for (;;) {
          const build = await currentBuildName(this.config.indexDir);
          if (!build || build === this.build || build === this.refused) return;
          try {
            const next = await openService(this.config, { corpusDir: this.config.corpusDir });
            const previous = this.service;
            this.service = this.served(next);
            this.build = build;
            previous.retire();
            this.log(`index: now serving build ${build} (${counted(next.health().paragraphs, "paragraph")})`);
          } catch (err) {
            this.refused = build;
            this.log(`index: new build refused, still serving ${this.build}: ${firstLine(err)}`);
          }
        }
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /** Re-ingests the corpus (incrementally) in a child process, then swaps to the result. */
  async reindex(force = false): Promise<IngestSummary> {
    const summary = await ingestInChildProcess(this.config, force, this.closing.signal);
    await this.refresh();
    return { ...summary, build: this.build };
  }

  /** Notices new builds: a watch on the index folder, and a slow poll in case the watch misses one. */
  watch(pollMs = 5000): void {
    let watcher: ReturnType<typeof watch> | null = null;
    try {
      watcher = watch(this.config.indexDir, (_event, name) => {
        if (name === "CURRENT") void this.refresh();
      });
    } catch {
      // no watch support here: polling alone
    }
    const timer = setInterval(() => void this.refresh(), pollMs);
    timer.unref();
    this.stopWatching = () => {
      watcher?.close();
      clearInterval(timer);
    };
  }

  close(): void {
    this.closing.abort();
    this.stopWatching?.();
  }
}
