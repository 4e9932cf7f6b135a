import { z } from 'zod';
import { uuidField } from '../domain/fields';

/** A channel's input schema with its output type carried by name only (for the contract slices). */
export const def =
  <Out>() =>
  <In extends z.ZodType>(input: In) => ({ input, output: undefined as unknown as Out });

export const ByUuid = z.strictObject({ uuid: uuidField });
