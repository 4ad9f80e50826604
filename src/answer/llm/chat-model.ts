/** What the LLM stage needs from a chat model, whichever client or binding talks to it. */

export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

/** Tokens the model reports for one reply (the `usage` of an OpenAI-compatible reply). */
export interface TokenUsage {
  input: number;
  output: number;
  total: number;
}

export interface ModelReply {
  text: string;
  usage?: TokenUsage;
  /** How many requests it took: 2 when the first got a 5xx and was retried. */
  attempts: number;
}

export interface ChatModel {
  /** The configured model's name, for /health and the log. */
  readonly name: string;
  /**
   * The model's reply to the messages. With onText the reply is streamed: onText gets each piece
   * of text as it arrives (and is awaited, so a slow reader slows the stream, not memory).
   * Rejects with a ModelFailure, whose message is safe to log.
   */
  reply(messages: ChatMessage[], onText?: (text: string) => Promise<void> | void): Promise<ModelReply>;
}

/** "unusable": a reply that is no answer as the prompt asks for one (far too long, say). */
export type ModelFailureKind = "timeout" | "http" | "unreachable" | "unusable";

/**
 * A model call that failed, described in words of our own: never the API key, the request or
 * the server's body (which may echo either), so the message can go to the log as it is.
 */
export class ModelFailure extends Error {
  constructor(
    readonly kind: ModelFailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ModelFailure";
  }
}
