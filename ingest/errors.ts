/** Another ingest holds the index folder's lock: refused, not queued (POST /admin/reindex answers 409). */
export class IngestBusyError extends Error {
  override name = "IngestBusyError";
}
