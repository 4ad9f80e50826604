import { secureHeaders } from "hono/secure-headers";

const contentSecurityPolicy = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  connectSrc: ["'self'"],
  styleSrc: ["'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * Every response's security headers (see SECURITY.md): its own module so that answers made
 * outside the app (src/http/client-errors.ts) carry them too.
 */
export const pageHeaders = secureHeaders({ contentSecurityPolicy, crossOriginResourcePolicy: false });

// An original PDF is someone else's file: sandboxed as well, so whatever it holds runs (if at
// all) in an opaque origin. Chromium's PDF viewer opens it under this policy (checked in
// tests/formats-browser.test.ts).
export const originalHeaders = secureHeaders({ contentSecurityPolicy: { ...contentSecurityPolicy, sandbox: [] }, crossOriginResourcePolicy: false });
