import { readFile } from "node:fs/promises";
import { z } from "zod";

/** The question-set format of ../shared/eval/dev.json (and tests/questions.json). */
const Item = z.object({
  id: z.string(),
  question: z.string(),
  must_include: z.array(z.string()),
  support: z.array(z.object({ file: z.string(), paragraph: z.number().int() })),
  kind: z.string().optional(),
});
export type EvalItem = z.infer<typeof Item>;

export async function readQuestionSet(path: string): Promise<EvalItem[]> {
  return z.array(Item).parse(JSON.parse(await readFile(path, "utf8")));
}

export const isAnswerable = (item: EvalItem) => item.support.length > 0;
