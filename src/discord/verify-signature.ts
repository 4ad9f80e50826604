/**
 * Discord signs every HTTP interaction: Ed25519 over timestamp + raw body, with the
 * application's public key (hex). WebCrypto, so the same code runs on Node and on Workers.
 */
const MAX_SKEW_SECONDS = 300;

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) return null;
  return new Uint8Array(hex.match(/../g)!.map((b) => Number.parseInt(b, 16)));
}

const keys = new Map<string, Promise<CryptoKey>>();

function importKey(publicKeyHex: string, raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  let key = keys.get(publicKeyHex);
  if (!key) {
    key = crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
    keys.set(publicKeyHex, key);
  }
  return key;
}

export async function verifyDiscordSignature(options: {
  publicKeyHex: string | undefined;
  signatureHex: string | undefined;
  timestamp: string | undefined;
  body: string;
  now?: number;
}): Promise<boolean> {
  const { publicKeyHex, signatureHex, timestamp, body } = options;
  if (!publicKeyHex || !signatureHex || !timestamp || !/^\d+$/.test(timestamp)) return false;
  // A replayed request with an old (correctly signed) timestamp is refused too.
  const now = options.now ?? Date.now() / 1000;
  if (Math.abs(now - Number(timestamp)) > MAX_SKEW_SECONDS) return false;
  const key = hexToBytes(publicKeyHex);
  const signature = hexToBytes(signatureHex);
  if (!key || key.length !== 32 || !signature || signature.length !== 64) return false;
  try {
    return await crypto.subtle.verify("Ed25519", await importKey(publicKeyHex, key), signature, new TextEncoder().encode(timestamp + body));
  } catch {
    return false;
  }
}
