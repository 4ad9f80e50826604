/**
 * Word → row lookup over the word-vector table's own bytes (newline-separated UTF-8 words): an
 * open-addressing hash table of row numbers, built in one pass over the bytes. A JS Map of the
 * 341k words took ~0.3 s of a server start (issue 13: cold start) to create 341k strings and
 * insert them; this reads the bytes once and holds 4 MB of slots instead of 20 MB of
 * strings.
 */
export class WordRows {
  /** Row + 1 of the word hashed to each slot; 0 = empty. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Byte offset of each row's word in `bytes`; starts[size] is one past the end. */
  private readonly starts: Uint32Array;
  private scratch = new Uint8Array(256);
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly bytes: Uint8Array,
    readonly size: number,
  ) {
    // Load factor ≤ 0.5: probes stay short.
    let capacity = 1;
    while (capacity < size * 2) capacity *= 2;
    const starts = new Uint32Array(size + 1);
    const slots = new Int32Array(capacity);
    const mask = capacity - 1;
    // One pass over the bytes finds each word's end and hash (FNV-1a, as get() computes it) and
    // inserts it; locals only, as this loop is most of the table's load time.
    let row = 0;
    let h = 2166136261;
    let start = 0;
    for (let i = 0; i <= bytes.length && row < size; i++) {
      const byte = i < bytes.length ? bytes[i]! : 10; // as if the last word ended with a newline too
      if (byte !== 10) {
        h = Math.imul(h ^ byte, 16777619);
        continue;
      }
      starts[row + 1] = i + 1;
      const length = i - start;
      for (let slot = (h >>> 0) & mask; ; slot = (slot + 1) & mask) {
        const held = slots[slot]!;
        if (held === 0) {
          slots[slot] = row + 1;
          break;
        }
        // The first row of a word wins, as the package's order is by frequency.
        const heldStart = starts[held - 1]!;
        if (starts[held]! - 1 - heldStart === length) {
          let k = 0;
          while (k < length && bytes[heldStart + k] === bytes[start + k]) k++;
          if (k === length) break;
        }
      }
      row++;
      h = 2166136261;
      start = i + 1;
    }
    this.starts = starts;
    this.slots = slots;
    this.mask = mask;
  }

  private static hash(bytes: Uint8Array, from: number, to: number): number {
    // FNV-1a, 32-bit.
    let h = 2166136261;
    for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i]!, 16777619);
    return h >>> 0;
  }

  private wordEnd(row: number): number {
    return this.starts[row + 1]! - 1;
  }

  private sameWord(row: number, key: Uint8Array, from: number, to: number): boolean {
    const start = this.starts[row]!;
    if (this.wordEnd(row) - start !== to - from) return false;
    for (let i = 0; i < to - from; i++) if (this.bytes[start + i] !== key[from + i]) return false;
    return true;
  }

  /** The word's row (= frequency rank), or undefined for a word the table does not hold. */
  get(word: string): number | undefined {
    // ASCII words (nearly all lookups) are hashed and compared from their char codes directly.
    let h = 2166136261;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      if (code > 127) return this.getEncoded(word);
      h = Math.imul(h ^ code, 16777619);
    }
    for (let slot = (h >>> 0) & this.mask; ; slot = (slot + 1) & this.mask) {
      const held = this.slots[slot]!;
      if (held === 0) return undefined;
      if (this.sameAscii(held - 1, word)) return held - 1;
    }
  }

  private sameAscii(row: number, word: string): boolean {
    const start = this.starts[row]!;
    if (this.wordEnd(row) - start !== word.length) return false;
    for (let i = 0; i < word.length; i++) if (this.bytes[start + i] !== word.charCodeAt(i)) return false;
    return true;
  }

  private getEncoded(word: string): number | undefined {
    // UTF-8 is at most 3 bytes per UTF-16 unit.
    if (this.scratch.length < word.length * 3) this.scratch = new Uint8Array(word.length * 3);
    const length = this.encoder.encodeInto(word, this.scratch).written;
    for (let slot = WordRows.hash(this.scratch, 0, length) & this.mask; ; slot = (slot + 1) & this.mask) {
      const held = this.slots[slot]!;
      if (held === 0) return undefined;
      if (this.sameWord(held - 1, this.scratch, 0, length)) return held - 1;
    }
  }

  /** Every word with its row, in row order (a repeated word only at its first row). */
  *entries(): IterableIterator<[string, number]> {
    const decoder = new TextDecoder();
    for (let row = 0; row < this.size; row++) {
      const word = decoder.decode(this.bytes.subarray(this.starts[row]!, this.wordEnd(row)));
      if (this.get(word) === row) yield [word, row];
    }
  }
}
