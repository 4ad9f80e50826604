import { resolve } from "node:path";
import { HuggingFaceTransformersEmbeddings } from "@langchain/community/embeddings/huggingface_transformers";
import { env } from "@huggingface/transformers";
import type { Embedder } from "./embedder.js";

export interface TransformerOptions {
  /** Hub id, e.g. Xenova/all-MiniLM-L6-v2; under MODELS_DIR it is a folder path. */
  model: string;
  /** Folder laid out as <model>/{config.json,tokenizer.json,onnx/model.onnx}; unset = hub cache/download. */
  modelsDir?: string;
  dtype: "fp32" | "fp16" | "q8" | "int8" | "uint8" | "q4";
}

/** BGE models are trained with the [CLS] vector; MiniLM-style sentence models with the mean. */
export function poolingFor(model: string): "cls" | "mean" {
  return /bge/i.test(model) ? "cls" : "mean";
}

/** A transformers.js sentence-embedding model, loaded (and probed) before it is returned. */
export async function loadTransformerEmbedder(options: TransformerOptions): Promise<Embedder> {
  if (options.modelsDir) {
    env.localModelPath = `${resolve(options.modelsDir)}/`;
    env.allowRemoteModels = false;
  } else {
    env.allowRemoteModels = true;
  }
  env.allowLocalModels = true;
  const pooling = poolingFor(options.model);
  const embeddings = new HuggingFaceTransformersEmbeddings({
    model: options.model,
    // transformers.js 3 reads dtype; the LangChain typing predates it.
    pretrainedOptions: { dtype: options.dtype } as ConstructorParameters<typeof HuggingFaceTransformersEmbeddings>[0] extends infer F ? F extends { pretrainedOptions?: infer P } ? P : never : never,
    pipelineOptions: { pooling, normalize: true },
    batchSize: 32,
    maxRetries: 0,
  });
  const probe = await embeddings.embedQuery("probe");
  return {
    id: `transformers:${options.model}:${options.dtype}:${pooling}`,
    dims: probe.length,
    embedQuery: (text) => embeddings.embedQuery(text),
    embedDocuments: (texts) => embeddings.embedDocuments(texts),
  };
}
