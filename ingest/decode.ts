export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
// Fatal too: binary bytes after an FF FE that happens to open them decode, unchecked, into
// pages of CJK and U+FFFD, indexed as text.
const utf16 = { le: new TextDecoder("utf-16le", { fatal: true }), be: new TextDecoder("utf-16be", { fatal: true }) };

/** Turns file bytes into text, or says why the file cannot be read as text. */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: "empty file" };
  let text: string;
  const bom16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "be" : undefined;
  if (bom16) {
    try {
      text = utf16[bom16].decode(bytes.subarray(2));
    } catch {
      return { ok: false, reason: "not valid UTF-16" };
    }
  } else {
    // A NUL byte in the first 8 KB means binary (UTF-16 without a BOM is not supported).
    if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: "binary file" };
    try {
      text = utf8.decode(bytes); // strips a UTF-8 BOM
    } catch {
      return { ok: false, reason: "not valid UTF-8" };
    }
  }
  if (text.trim() === "") return { ok: false, reason: "no text" };
  return { ok: true, text };
}
