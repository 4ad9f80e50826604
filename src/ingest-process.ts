import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { IngestSummary } from "../ingest/build-index.js";
import { INGEST_EXIT, IngestBusyError } from "../ingest/errors.js";
import { NoDocumentsError } from "./index-store/corpus-identity.js";
import type { Config } from "./config.js";

const INGEST_CLI = fileURLToPath(new URL("../ingest/cli.ts", import.meta.url));

/**
 * Runs an ingest in a child process, as npm run ingest does: its reading, embedding and graph
 * building (seconds of CPU and a gigabyte at 100k paragraphs) never share the server's event
 * loop or heap. Resolves with the summary the CLI prints with --json. `signal` stops it (the
 * server shutting down): the child is sent SIGTERM, so it never outlives the server holding the
 * index's ingest lock.
 */
export function ingestInChildProcess(config: Config, force: boolean, signal?: AbortSignal): Promise<IngestSummary> {
  const args = [...process.execArgv, INGEST_CLI, "--dir", config.corpusDir, "--index", config.indexDir, "--json", ...(force ? ["--force"] : [])];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], signal });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      // The failure is the last thing the CLI prints, and may run over several lines (an empty corpus lists what it skipped).
      const failure = /(?:^|\n)ingest failed: ([\s\S]*)$/.exec(err.trim())?.[1];
      if (code === INGEST_EXIT.busy) return reject(new IngestBusyError(failure ?? "Another ingest is running."));
      if (code === INGEST_EXIT.noDocuments) return reject(new NoDocumentsError(failure ?? "No readable documents in the corpus folder"));
      if (code !== 0) return reject(new Error(failure ?? `ingest exited with status ${code}`));
      try {
        const line = JSON.parse(out.trim().split("\n").pop()!) as Omit<IngestSummary, "build">;
        resolve({ ...line, build: "" });
      } catch {
        reject(new Error("ingest printed no summary"));
      }
    });
  });
}
