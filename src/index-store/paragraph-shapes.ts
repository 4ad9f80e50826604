import type { ParagraphKind } from "../text/paragraph-kind.js";
import type { IndexedParagraph } from "./corpus.js";
import { IndexDamagedError } from "./index-damaged.js";

/**
 * What the paragraph ranker reads of every pooled paragraph besides its ranks: its document,
 * its kind and its length (paragraph-ranker.ts). Kept per label in typed arrays, so ranking the
 * ~100 paragraphs a question pools reads none of them from paragraphs.ndjson: only the few
 * that become candidates are read and parsed. That spares a question whose pool is not parsed
 * yet ~1 ms at 100k paragraphs (BENCHMARKS.md, issue 10 item 5); once parsed, paragraphs stay
 * cached (lazy-paragraphs.ts), so it matters most after a start or a swap.
 * Free of Node-only parts, like the rest of CorpusIndex; shapes.bin is written and read in
 * serving-files.ts.
 */
export interface ParagraphShape {
  file: string;
  kind: ParagraphKind;
  /** The paragraph's text length in UTF-16 code units (JavaScript's `text.length`). */
  length: number;
}

/**
 * Each kind's code in shapes.bin. Fixed: these numbers are the file format, so a new kind takes
 * the next number and bumps FORMAT_VERSION. A Record, so a kind added to ParagraphKind without a
 * code here does not compile.
 */
const KIND_CODES: Record<ParagraphKind, number> = {
  prose: 0,
  heading: 1,
  "list-item": 2,
  "table-row": 3,
  "table-rule": 4,
  figure: 5,
  code: 6,
};
const KINDS_BY_CODE: ParagraphKind[] = [];
for (const [kind, code] of Object.entries(KIND_CODES)) KINDS_BY_CODE[code] = kind as ParagraphKind;

/** The shapes of every paragraph of a build, by label. */
export class ParagraphShapes {
  /**
   * @param files every document's name, once each
   * @param fileCodes each label's position in `files`
   * @param kindCodes each label's kind, as KIND_CODES numbers it
   * @param lengths each label's text length
   * Codes are checked here, so a shape read later is always a known file and kind.
   */
  constructor(
    readonly files: readonly string[],
    readonly fileCodes: Uint32Array,
    readonly kindCodes: Uint8Array,
    readonly lengths: Uint32Array,
    /** What the arrays were read from, for errors. */
    source = "paragraph shapes",
  ) {
    if (fileCodes.length !== kindCodes.length || lengths.length !== kindCodes.length) {
      throw new IndexDamagedError(`${source}: ${fileCodes.length} files, ${kindCodes.length} kinds and ${lengths.length} lengths for one set of paragraphs`);
    }
    for (let label = 0; label < kindCodes.length; label++) {
      if (KINDS_BY_CODE[kindCodes[label]!] === undefined) throw new IndexDamagedError(`${source}: paragraph ${label} has kind code ${kindCodes[label]}, which this version does not know`);
      if (fileCodes[label]! >= files.length) throw new IndexDamagedError(`${source}: paragraph ${label} names document ${fileCodes[label]} of ${files.length}`);
    }
  }

  get size(): number {
    return this.kindCodes.length;
  }

  of(label: number): ParagraphShape {
    return { file: this.files[this.fileCodes[label]!]!, kind: KINDS_BY_CODE[this.kindCodes[label]!]!, length: this.lengths[label]! };
  }
}

/** Collects the shapes of paragraphs given in label order (at ingest, one paragraph at a time). */
export class ParagraphShapesBuilder {
  private readonly files: string[] = [];
  private readonly fileCode = new Map<string, number>();
  private readonly fileCodes: number[] = [];
  private readonly kindCodes: number[] = [];
  private readonly lengths: number[] = [];

  add(paragraph: Pick<IndexedParagraph, "file" | "kind" | "text">): void {
    let code = this.fileCode.get(paragraph.file);
    if (code === undefined) this.fileCode.set(paragraph.file, (code = this.files.push(paragraph.file) - 1));
    const kind = KIND_CODES[paragraph.kind];
    // Only a paragraph that bypassed the types could get here (a kind from an untyped source).
    if (kind === undefined) throw new Error(`paragraph ${paragraph.file}: unknown kind ${String(paragraph.kind)}`);
    this.fileCodes.push(code);
    this.kindCodes.push(kind);
    this.lengths.push(paragraph.text.length);
  }

  /** The shapes of paragraphs held in memory (an index built without shapes.bin: the Worker's, tests'). */
  static of(paragraphs: readonly Pick<IndexedParagraph, "file" | "kind" | "text">[]): ParagraphShapes {
    const builder = new ParagraphShapesBuilder();
    for (const p of paragraphs) builder.add(p);
    return builder.build();
  }

  build(): ParagraphShapes {
    return new ParagraphShapes(this.files, Uint32Array.from(this.fileCodes), Uint8Array.from(this.kindCodes), Uint32Array.from(this.lengths));
  }
}
