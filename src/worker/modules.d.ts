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
    /** The 30,000 most frequent English words (from the word vectors), for typo repair. */
    commonWords: string[];
  };
  export default data;
}

declare module "cited-answers:widget" {
  const script: string;
  export default script;
}
