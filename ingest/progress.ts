/**
 * Plain progress lines for logs and CI (no terminal): one at the start, one at every quarter, one
 * at the end — "reading: 233/933 files", "embedding: 14464/57854 paragraphs". Reading a large
 * folder (a thousand files of Markdown) takes a minute or more before any embedding starts; without
 * these lines `npm run ingest` and `npm start` print nothing for all that time.
 */
export function quarterLines(log: (line: string) => void, what: string, unit: string): (done: number, total: number) => void {
  let lastQuarter = -1;
  return (done, total) => {
    const quarter = total === 0 ? 4 : Math.floor((done / total) * 4);
    if (quarter !== lastQuarter) log(`${what}: ${done}/${total} ${unit}`);
    lastQuarter = quarter;
  };
}
