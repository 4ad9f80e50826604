export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
// Fatal too: binary bytes after an FF FE that happens to open them decode, unchecked, into
// pages of CJK and U+FFFD, indexed as text.
const utf16 = { le: new TextDecoder("utf-16le", { fatal: true }), be: new TextDecoder("utf-16be", { fatal: true }) };

/**
 * UTF-16 written without a byte-order mark, as some tools do: text in a Latin script then has a
 * NUL as every other byte (the high byte of each character) and almost never elsewhere. Read from
 * the first 8 KB; a binary file's NULs fall anywhere.
 */
function utf16WithoutBom(bytes: Uint8Array): "le" | "be" | undefined {
  const sample = bytes.subarray(0, 8192 - (Math.min(bytes.length, 8192) % 2));
  if (sample.length < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const pairs = sample.length / 2;
  // Nine in ten characters in the script's first 256 code points, their other byte never NUL.
  if (oddNul >= 0.9 * pairs && evenNul === 0) return "le";
  if (evenNul >= 0.9 * pairs && oddNul === 0) return "be";
  return undefined;
}

/** UTF-16's byte order, when a byte-order mark opens the bytes. */
const markedUtf16 = (bytes: Uint8Array): "le" | "be" | undefined =>
  bytes[0] === 0xff && bytes[1] === 0xfe ? "le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "be" : undefined;

/** Turns file bytes into text, or says why the file cannot be read as text. */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: "empty file" };
  const marked = markedUtf16(bytes);
  const order = marked ?? utf16WithoutBom(bytes);
  let text: string;
  try {
    if (order) text = utf16[order].decode(marked ? bytes.subarray(2) : bytes);
    // Any other NUL byte in the first 8 KB means binary.
    else if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: "binary file" };
    else text = utf8.decode(bytes); // strips a UTF-8 BOM
  } catch {
    return { ok: false, reason: order ? "not valid UTF-16" : "not valid UTF-8" };
  }
  return text.trim() === "" ? { ok: false, reason: "no text" } : { ok: true, text };
}
