import { type KeyObject, generateKeyPairSync, sign } from "node:crypto";

/** An Ed25519 key pair standing in for a Discord application's, with the public key as Discord shows it (hex). */
export function applicationKeys(): { privateKey: KeyObject; publicKeyHex: string } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return { privateKey, publicKeyHex: publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("hex") };
}

export interface SigningOptions {
  timestamp?: string;
  /** Sign over this timestamp instead of the one sent. */
  signWith?: string;
  /** Send this signature (null: none) instead of a valid one. */
  signature?: string | null;
}

/** A fetch init for POST /discord/interactions, signed as Discord signs it (or spoiled as asked). */
export function signedInteraction(body: unknown, privateKey: KeyObject, options: SigningOptions = {}): RequestInit {
  const raw = JSON.stringify(body);
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const signature = options.signature === undefined ? sign(null, Buffer.from((options.signWith ?? timestamp) + raw), privateKey).toString("hex") : options.signature;
  const headers: Record<string, string> = { "content-type": "application/json", "x-signature-timestamp": timestamp };
  if (signature !== null) headers["x-signature-ed25519"] = signature;
  return { method: "POST", headers, body: raw };
}

/** The /ask slash command as Discord sends it. */
export const askInteraction = (question: string, ephemeral?: boolean) => ({
  type: 2,
  id: "1",
  application_id: "app123",
  token: "tok456",
  version: 1,
  member: { user: { id: "user-1", username: "asker" } },
  data: {
    id: "cmd",
    name: "ask",
    type: 1,
    options: [{ name: "question", type: 3, value: question }, ...(ephemeral === undefined ? [] : [{ name: "ephemeral", type: 5, value: ephemeral }])],
  },
});
