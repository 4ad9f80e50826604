import { createHash } from "node:crypto";
import { readSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { join } from "node:path";
import { IndexDamagedError, type Manifest } from "./layout.js";

/**
 * A build's store files read once each, in pieces, with their sha256 checked against the
 * manifest in the same pass: nothing read from a file is trusted until its last piece has been
 * hashed, and no file is read twice (once to hash, once to load) nor held whole in memory unless
 * the caller keeps it. Each piece is its own turn of the event loop, so a swap to a new build
 * under load never holds it for long (1 MB: ~2 ms of hashing here).
 *
 * This replaced hashing in worker threads (issue 13, swap RSS ≤ 1.5× steady): each worker isolate
 * cost ~44 MB of RSS while a swap loaded, and every file was read twice.
 */
const PIECE = 1024 * 1024;

/** Where a verified read puts each piece: a view of `length` bytes for file position `position`. */
type Target = (position: number, length: number) => Uint8Array;

/** The manifest a file is checked against; null reads a file on its own, unchecked (tests, tools). */
type Expected = Manifest | null;

async function openStoreFile(dir: string, name: string, manifest: Expected): Promise<{ handle: FileHandle; bytes: number }> {
  const expected = manifest ? manifest.store?.[name] : { bytes: undefined };
  if (!expected) throw new IndexDamagedError(`manifest in ${dir} does not describe ${name}`);
  let handle: FileHandle;
  try {
    handle = await open(join(dir, name), "r");
  } catch {
    throw new IndexDamagedError(`${name} in ${dir} is missing`);
  }
  const { size } = await handle.stat();
  if (expected.bytes !== undefined && size !== expected.bytes) {
    await handle.close();
    throw new IndexDamagedError(`${name} in ${dir} is corrupt or truncated`);
  }
  return { handle, bytes: size };
}

/** Reads the whole open file through `target`, piece by piece, refusing it unless its sha256 is the manifest's. */
async function readChecked(handle: FileHandle, bytes: number, dir: string, name: string, manifest: Expected, target: Target, each?: (piece: Uint8Array, position: number) => void): Promise<void> {
  const hash = manifest ? createHash("sha256") : null;
  for (let position = 0; position < bytes; ) {
    const view = target(position, Math.min(PIECE, bytes - position));
    const { bytesRead } = await handle.read(view, 0, view.length, position);
    if (bytesRead === 0) break;
    const piece = view.subarray(0, bytesRead);
    hash?.update(piece);
    each?.(piece, position);
    position += bytesRead;
  }
  if (manifest && hash!.digest("hex") !== manifest.store[name]!.sha256) throw new IndexDamagedError(`${name} in ${dir} is corrupt or truncated`);
}

/** A store file whole, in one buffer of its own (byte offset 0, so typed arrays can view it in place). */
export async function readStoreFile(dir: string, name: string, manifest: Expected): Promise<Buffer> {
  const { handle, bytes } = await openStoreFile(dir, name, manifest);
  try {
    const whole = Buffer.from(new ArrayBuffer(bytes));
    await readChecked(handle, bytes, dir, name, manifest, (position, length) => whole.subarray(position, position + length));
    return whole;
  } finally {
    await handle.close();
  }
}

/** Checks a store file without keeping it (one piece in memory at a time), e.g. before native code reads it. */
export async function checkStoreFile(dir: string, name: string, manifest: Expected): Promise<void> {
  await scanStoreFile(dir, name, manifest, () => {}).then((handle) => handle.close());
}

/**
 * Reads a store file piece by piece through `each` (a piece is only valid during the call) and
 * returns it still open, for reads later: what `each` learnt is of the file behind this handle.
 * The caller closes it; a file that fails its check is closed here.
 */
export async function scanStoreFile(dir: string, name: string, manifest: Expected, each: (piece: Uint8Array, position: number) => void): Promise<FileHandle> {
  const { handle, bytes } = await openStoreFile(dir, name, manifest);
  try {
    const piece = new Uint8Array(Math.min(PIECE, bytes));
    await readChecked(handle, bytes, dir, name, manifest, (_position, length) => piece.subarray(0, length), each);
    return handle;
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/**
 * Closes a store file kept open for reads on demand once `owner` (what reads it) is garbage: a
 * swapped-out build's service is dropped, never closed, and may still be answering a request.
 */
const openFiles = new FinalizationRegistry<FileHandle>((handle) => void handle.close().catch(() => {}));

export function closeWhenCollected(owner: object, handle: FileHandle): void {
  openFiles.register(owner, handle);
}

/** Reads `length` bytes at `position` of an open store file into `into`, on the spot (a few small reads per question). */
export function readAt(fd: number, into: Uint8Array, length: number, position: number, what: string): void {
  let done = 0;
  while (done < length) {
    const read = readSync(fd, into, done, length - done, position + done);
    if (read === 0) throw new IndexDamagedError(`${what} is past the end of its file`);
    done += read;
  }
}
