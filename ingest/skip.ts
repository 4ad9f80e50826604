/**
 * A file that is readable but holds nothing to index (a scanned PDF without a text layer, a
 * password-protected one): skipped with exactly this reason in the ingest report.
 */
export class SkipFile extends Error {
  override name = "SkipFile";
  constructor(readonly reason: string) {
    super(reason);
  }
}
