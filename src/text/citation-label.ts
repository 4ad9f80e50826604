/** Where a citation points, as every surface writes it: `notes.md ¶4`, or `report.pdf p. 3 ¶2` for a PDF. */
export interface CitedPlace {
  file: string;
  paragraph: number;
  page?: number;
  pageParagraph?: number;
}

/** `file ¶n`, or for a paragraph on a PDF page `file p. N ¶m` (m counted within the page). */
export function citationLabel(c: CitedPlace): string {
  if (c.page !== undefined && c.pageParagraph !== undefined) return `${c.file} p. ${c.page} ¶${c.pageParagraph}`;
  return `${c.file} ¶${c.paragraph}`;
}
