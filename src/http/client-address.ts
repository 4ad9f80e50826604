import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";

/**
 * Who a request comes from, for rate limits and logs. Behind a reverse proxy the socket address
 * is the proxy's, so every visitor would share one budget; TRUST_PROXY says which proxies may
 * tell us the client's address in X-Forwarded-For:
 * - a hop count ("1"): that many proxies in front of us, whoever they are;
 * - a list ("10.0.0.1, 10.0.0.0/8, loopback"): addresses (or proxy-addr's names) trusted as proxies.
 * Unset, the header is ignored: a client could otherwise claim any address.
 */
export type TrustProxy = (address: string, hop: number) => boolean;

export function parseTrustProxy(setting: string): TrustProxy | null {
  const value = setting.trim();
  if (value === "" || value === "0" || value === "false") return null;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  // Throws on an address or range it cannot read, so a typo fails at start, not silently.
  return proxyaddr.compile(value.split(",").map((a) => a.trim()).filter(Boolean));
}

export function clientAddress(incoming: IncomingMessage, trust: TrustProxy | null): string {
  if (!trust) return incoming.socket.remoteAddress ?? "unknown";
  return proxyaddr(incoming, trust);
}
