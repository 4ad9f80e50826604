// Modules written by npm run build:worker (index/worker/) and mapped by wrangler.toml's [alias].
declare module "cited-answers:index-data" {
  import type { IndexedParagraph } from "../index-store/corpus.js";
  import type { LexiconData } from "../retrieval/lexicon.js";
  const data: {
    name: string;
    manifest: { embedder: { id: string; dims: number }; paragraphs: number; createdAt: string; corpus: { dir: string; name: string } };
    /** Documents' own titles by file (Markdown front matter). */
    titles?: Record<string, string>;
    paragraphs: IndexedParagraph[];
    lexicon: LexiconData;
    /** The word vectors (see src/embeddings/word-vector-shards.ts). */
    words: {
      /** Version of the word-vector package they come from. */
      version: string;
      dims: number;
      /** Words in the whole vocabulary (the shards in the static assets hold them all). */
      size: number;
      shards: number;
      /** The corpus's own words and the most frequent English ones: base64 of Int32 ranks, Float32 scales, Int8 components. */
      bundled: { words: string[]; ranks: string; scales: string; values: string };
    };
    /** Paragraph vectors (base64 of Float32, label-major) when the corpus is small enough to bundle. */
    vectors?: string;
  };
  export default data;
}

declare module "cited-answers:widget" {
  const script: string;
  export default script;
}
