import { readFile } from "node:fs/promises";
import { z } from "zod";

/** The question-set format of ../shared/eval/dev.json (and tests/questions.json). */
const Item = z.object({
  id: z.string(),
  question: z.string(),
  must_include: z.array(z.string()),
  support: z.array(
    z.object({
      file: z.string(),
      paragraph: z.number().int(),
      /** The paragraph is a code block (known where the set was mapped onto an index): issue 11's "code questions". */
      code: z.boolean().optional(),
    }),
  ),
  kind: z.string().optional(),
  /**
   * Set where support was given otherwise (source lines) and mapped onto this index's paragraphs:
   * an answerable question whose lines no paragraph covers stays answerable (a miss), rather
   * than counting as one the documents don't answer.
   */
  answerable: z.boolean().optional(),
});
export type EvalItem = z.infer<typeof Item>;

export async function readQuestionSet(path: string): Promise<EvalItem[]> {
  return z.array(Item).parse(JSON.parse(await readFile(path, "utf8")));
}

export const isAnswerable = (item: EvalItem) => item.answerable ?? item.support.length > 0;
