import type { Context } from "hono";

/**
 * Publishable widget keys (WIDGET_KEYS): a key sits in a page's HTML for anyone to read, so it
 * is worth nothing on its own — it is honoured only on the ask routes, only from a page on one
 * of its origins, and under a budget of its own. That lets the widget work on a service whose
 * API otherwise needs secret API_KEYS.
 */
export interface WidgetKey {
  key: string;
  /** Page origins (scheme://host[:port]) the key is valid on. */
  origins: string[];
}

/**
 * WIDGET_KEYS="wk_docs=https://docs.example.org|https://www.example.org,wk_blog=https://blog.example.org":
 * keys separated by commas, each `key=origin|origin…` (origins hold neither "," nor "|").
 */
export function parseWidgetKeys(text: string): WidgetKey[] {
  return text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf("=");
      const key = (at === -1 ? "" : entry.slice(0, at)).trim();
      const origins = (at === -1 ? "" : entry.slice(at + 1)).split("|").map((o) => o.trim().replace(/\/$/, "")).filter(Boolean);
      if (!key || !origins.length) throw new Error(`WIDGET_KEYS: "${entry}" is not key=origin|origin…`);
      for (const origin of origins) {
        if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new Error(`WIDGET_KEYS: "${origin}" is not an origin like https://docs.example.org`);
      }
      return { key, origins };
    });
}

/** Who is asking, as far as the ask routes care; `refused` carries the reason to answer with. */
export type Asker =
  | { kind: "api-key"; key: string }
  | { kind: "widget-key"; key: string }
  | { kind: "open" }
  | { kind: "refused"; status: 401 | 403; message: string };

export interface AccessRules {
  apiKeys: string[];
  widgetKeys: WidgetKey[];
  sameSecret: (a: string, b: string) => boolean;
}

export const bearerOf = (c: Context) => c.req.header("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? "";

/** Decides whether a request may use the ask routes, and under which budget. */
export function askerOf(c: Context, rules: AccessRules): Asker {
  const bearer = bearerOf(c);
  if (bearer && rules.apiKeys.some((k) => rules.sameSecret(bearer, k))) return { kind: "api-key", key: bearer };
  const widgetKey = bearer ? rules.widgetKeys.find((w) => rules.sameSecret(bearer, w.key)) : undefined;
  if (widgetKey) {
    const origin = c.req.header("origin") ?? "";
    if (widgetKey.origins.includes(origin)) return { kind: "widget-key", key: widgetKey.key };
    return {
      status: 403,
      kind: "refused",
      message: `This widget key is valid only on pages of ${widgetKey.origins.join(", ")}, not ${origin || "a request without an Origin header"}`,
    };
  }
  if (rules.apiKeys.length) return { kind: "refused", status: 401, message: "This service needs an API key: Authorization: Bearer <key>" };
  return { kind: "open" };
}
