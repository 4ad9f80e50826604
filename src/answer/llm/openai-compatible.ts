// LangChain's chat model for OpenAI-compatible servers rather than the openai SDK itself: the SDK
// at the top of node_modules conflicts with a peer dependency of @langchain/community (stagehand
// wants openai@4) and `npm ci` fails, while @langchain/openai (pinned 1.5.8 by the override
// already) keeps its own openai@6. ChatOpenAICompletions, not ChatOpenAI: ChatOpenAI switches
// some model names to OpenAI's Responses API, which Ollama and llama.cpp's server don't serve.
import { ChatOpenAICompletions } from "@langchain/openai";
import type { AIMessageChunk } from "@langchain/core/messages";
import type { LlmConfig } from "./config.js";
import { type ChatMessage, type ChatModel, type ModelReply, type TokenUsage } from "./chat-model.js";
import { isRetryable, modelFailureOf } from "./model-failure.js";

/**
 * The client library wants a key even for servers that need none (Ollama, llama.cpp); this
 * placeholder is what they then receive.
 */
const NO_KEY = "not-needed";

function usageOf(message: AIMessageChunk | undefined): TokenUsage | undefined {
  const u = message?.usage_metadata;
  return u ? { input: u.input_tokens, output: u.output_tokens, total: u.total_tokens } : undefined;
}

/** A chat model behind an OpenAI-compatible /chat/completions endpoint (Ollama, llama.cpp, vLLM, hosted). */
export function openAiCompatibleModel(config: LlmConfig): ChatModel {
  const chat = new ChatOpenAICompletions({
    model: config.model,
    apiKey: config.apiKey ?? NO_KEY,
    configuration: { baseURL: config.baseUrl },
    maxTokens: config.maxTokens,
    // The same question gets the same answer: quoting verbatim is copying, not creative writing.
    temperature: 0,
    // Retries are ours (one, on 5xx only): LangChain's default would retry 4xx and six times.
    maxRetries: 0,
    streamUsage: true,
  });

  async function attempt(messages: ChatMessage[], signal: AbortSignal, onText?: (text: string) => Promise<void> | void): Promise<{ text: string; usage?: TokenUsage }> {
    const input = messages.map((m) => [m.role, m.content] as [string, string]);
    if (!onText) {
      const message = await chat.invoke(input, { signal });
      return { text: message.text, usage: usageOf(message as AIMessageChunk) };
    }
    let text = "";
    let usage: TokenUsage | undefined;
    for await (const chunk of await chat.stream(input, { signal })) {
      usage = usageOf(chunk) ?? usage;
      if (!chunk.text) continue;
      text += chunk.text;
      await onText(chunk.text);
    }
    return { text, usage };
  }

  return {
    name: config.model,
    async reply(messages, onText): Promise<ModelReply> {
      // One deadline for the whole stage, the retry included.
      const signal = AbortSignal.timeout(config.timeoutMs);
      let sentText = false;
      let readerFailed = false;
      const forward = onText && (async (t: string) => {
        sentText = true;
        try {
          await onText(t);
        } catch (err) {
          readerFailed = true;
          throw err;
        }
      });
      for (let attempts = 1; ; attempts++) {
        try {
          return { ...(await attempt(messages, signal, forward)), attempts };
        } catch (err) {
          // The reader failed (a client gone mid-stream), not the model: its error as it is.
          if (readerFailed) throw err;
          const failure = modelFailureOf(err, signal.aborted, config.timeoutMs);
          // Exactly one retry, and only before any text went out (a stream can't be taken back).
          if (attempts === 1 && !sentText && isRetryable(failure)) continue;
          throw failure;
        }
      }
    },
  };
}
