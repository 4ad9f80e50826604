/** Another ingest holds the index folder's lock: refused, not queued (POST /admin/reindex answers 409). */
export class IngestBusyError extends Error {
  override name = "IngestBusyError";
}

/**
 * How `npm run ingest` says why it failed to a caller that runs it (POST /admin/reindex):
 * sysexits' EX_TEMPFAIL for a busy index (409), EX_DATAERR for a corpus folder that is missing or
 * holds nothing readable (422).
 */
export const INGEST_EXIT = { busy: 75, noDocuments: 65 } as const;
