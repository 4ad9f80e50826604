export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Turns file bytes into text, or says why the file cannot be read as text. */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: "empty file" };
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
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
