import { createHash } from "node:crypto";

/** sha256 of a text, first 16 hex digits: identifies a paragraph's or a chunk's text. */
export function hashText(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}
