import * as z from 'zod';

/**
 * One call between renderer and main: its input and the value it returns on success.
 * Every call answers a `Result` on the wire (see `resultSchema`); expected failures carry a
 * Spanish `message`.
 */
export type CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = {
  description: string;
  input: I;
  output: O;
};

/** @example defineCall({ description: 'Estado', input: z.object({}), output: z.object({ ok: z.boolean() }) }) */
export const defineCall = <I extends z.ZodType, O extends z.ZodType>(
  def: CallDef<I, O>,
): CallDef<I, O> => def;

export const appErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});

/** Wire form of `Result<T>` for a call's output schema. */
export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);

export const emptyInput = z.object({}).strict();
