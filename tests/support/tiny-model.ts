import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import onnxProto from "onnx-proto";

const { onnx } = onnxProto;

/** The real all-MiniLM-L6-v2 tokenizer and config (no weights) that ../shared/models provides. */
export const SHARED_MODEL = resolve("../shared/models/Xenova/all-MiniLM-L6-v2");
const TOKENIZER_FILES = ["config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"];
const VOCAB = 30522;
const DIMS = 32;

/** Deterministic pseudo-random token vectors (a fixed seed, so every run builds the same model). */
function embeddingTable(): Float32Array {
  const table = new Float32Array(VOCAB * DIMS);
  let state = 0x9e3779b9;
  for (let i = 0; i < table.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    table[i] = ((state >>> 0) / 4294967296 - 0.5) * 2;
  }
  return table;
}

const int64Input = (name: string) =>
  onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.INT64, shape: { dim: [{ dimParam: "batch" }, { dimParam: "sequence" }] } } },
  });

/**
 * A tiny BERT-shaped ONNX model: input_ids → token embeddings as last_hidden_state. It is not a
 * trained model (none can be downloaded here); it exercises exactly the transformers.js loading,
 * tokenizing, pooling and normalising path that a real model goes through.
 */
export async function buildTinyModel(modelsDir: string, modelId = "test/tiny-minilm"): Promise<string> {
  const dir = join(modelsDir, modelId);
  await mkdir(join(dir, "onnx"), { recursive: true });
  for (const file of TOKENIZER_FILES) await copyFile(join(SHARED_MODEL, file), join(dir, file));
  const table = embeddingTable();
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: "cited-answers tests",
    opsetImport: [{ domain: "", version: 13 }],
    graph: {
      name: "tiny",
      node: [
        { opType: "Gather", input: ["embeddings", "input_ids"], output: ["last_hidden_state"], name: "lookup", attribute: [{ name: "axis", i: 0, type: onnx.AttributeProto.AttributeType.INT }] },
      ],
      initializer: [
        { name: "embeddings", dims: [VOCAB, DIMS], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(table.buffer) },
      ],
      input: [int64Input("input_ids"), int64Input("attention_mask"), int64Input("token_type_ids")],
      output: [
        onnx.ValueInfoProto.create({
          name: "last_hidden_state",
          type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimParam: "batch" }, { dimParam: "sequence" }, { dimValue: DIMS }] } } },
        }),
      ],
    },
  });
  await writeFile(join(dir, "onnx", "model.onnx"), onnx.ModelProto.encode(model).finish());
  return modelId;
}
