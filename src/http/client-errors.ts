import type { Socket } from "node:net";

/**
 * Errors Node's HTTP parser raises before a request reaches the app (a bad Content-Length, both
 * Content-Length and Transfer-Encoding, a bad chunk, headers too large, a client too slow)
 * answered with the same {"error":{"code","message"}} body as every other error, instead of
 * Node's empty default.
 */
const ANSWERS: Record<string, { status: number; reason: string; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, reason: "Request Header Fields Too Large", code: "headers_too_large", message: "The request headers are over 16 KB" },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: "Request Timeout", code: "request_timeout", message: "The request did not arrive in time" },
};
const BAD_REQUEST = { status: 400, reason: "Bad Request", code: "bad_request", message: "The request is not valid HTTP" };

function rawResponse(status: number, reason: string, code: string, message: string): string {
  const body = JSON.stringify({ error: { code, message } });
  return [
    `HTTP/1.1 ${status} ${reason}`,
    "Content-Type: application/json",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}

export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  // A client that went away (ECONNRESET) is not an error of ours and has no one to answer.
  const response = (socket as Socket & { _httpMessage?: { headersSent: boolean } })._httpMessage;
  if (err.code !== "ECONNRESET" && socket.writable && !response?.headersSent) {
    const { status, reason, code, message } = ANSWERS[err.code ?? ""] ?? BAD_REQUEST;
    socket.end(rawResponse(status, reason, code, message));
    // end() flushes, then closes; a client that never reads must not hold the socket open.
    setTimeout(() => socket.destroy(), 1_000).unref();
    return;
  }
  socket.destroy();
}
