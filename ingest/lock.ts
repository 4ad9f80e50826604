import { join } from "node:path";
import lockfile from "proper-lockfile";
import { IngestBusyError } from "./errors.js";

/**
 * The lock one ingest at a time holds on an index folder (proper-lockfile's: refreshed while held,
 * stale 20 s after a killed ingest stopped refreshing it). Its own module so that the server can
 * look at it without importing the ingest code (remark and the rest: ~0.5 s).
 */
export const ingestLockOptions = (indexDir: string) => ({ lockfilePath: join(indexDir, "ingest.lock"), stale: 20_000 });

/** What a second ingest of the folder is refused with, whoever notices it first. */
export const ingestBusy = (indexDir: string) => new IngestBusyError(`Another ingest is writing ${indexDir}; try again when it has finished.`);

/** Whether an ingest holds the index folder now (one that is not there yet is not locked). */
export const ingestLocked = (indexDir: string): Promise<boolean> => lockfile.check(indexDir, ingestLockOptions(indexDir)).catch(() => false);
