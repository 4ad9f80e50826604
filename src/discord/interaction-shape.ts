import { z } from "zod";

/**
 * The parts of an interaction this service reads, checked before anything uses them: a validly
 * signed body is still untrusted in shape (null, a command without data, a number where the
 * question should be, a button without a custom_id). Anything else is passed through untouched.
 */
const User = z.object({ id: z.string() }).passthrough();
const Who = { member: z.object({ user: User }).passthrough().optional(), user: User.optional() };

const Option = z
  .object({ name: z.string(), type: z.number().int(), value: z.union([z.string(), z.number(), z.boolean()]).optional() })
  .passthrough()
  // String options (type 3) carry text and boolean ones (type 5) a boolean; nothing else is read.
  .refine((o) => (o.type !== 3 || typeof o.value === "string") && (o.type !== 5 || typeof o.value === "boolean"), "option value of the wrong type");

export const CommandInteraction = z
  .object({
    type: z.literal(2),
    id: z.string(),
    application_id: z.string(),
    token: z.string(),
    data: z.object({ name: z.string(), options: z.array(Option).optional() }).passthrough(),
    ...Who,
  })
  .passthrough();

export const ComponentInteraction = z
  .object({
    type: z.literal(3),
    id: z.string(),
    application_id: z.string(),
    token: z.string(),
    data: z.object({ custom_id: z.string(), component_type: z.number().int() }).passthrough(),
    ...Who,
  })
  .passthrough();

export const AnyInteraction = z.object({ type: z.number().int() }).passthrough();
