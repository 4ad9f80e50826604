/**
 * How the files ingest left out are reported: one line each, except that a reason shared by many
 * (a Sphinx folder's hundreds of `.rst` files, a folder of scans) is one line naming a few of
 * them, so the start-up log does not scroll away from everything else at every start. Five and
 * three are for reading, not measured; nothing is decided by them, and `--json` lists every file.
 */
export function describeSkipped(skipped: readonly { file: string; reason: string }[], perReason = 5): string[] {
  const byReason = new Map<string, string[]>();
  for (const s of skipped) {
    const files = byReason.get(s.reason);
    if (files) files.push(s.file);
    else byReason.set(s.reason, [s.file]);
  }
  return [...byReason].flatMap(([reason, files]) =>
    files.length <= perReason
      ? files.map((file) => `skipped ${file}: ${reason}`)
      : [`skipped ${files.length} files: ${reason} — ${files.slice(0, 3).join(", ")} and ${files.length - 3} more`],
  );
}
