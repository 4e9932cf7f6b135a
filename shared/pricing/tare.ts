import { z } from 'zod';
import { formatQuantity } from '../money/money';

/**
 * Tare per container type (a rope sack 1 kg, a wet sack 1 kg, milk can no. 12 by its own weight), deducted from
 * the gross weight: net = gross − Σ count × tare, never below zero.
 */

/** Kept far below 2^53 so count × tare summed over a delivery stays exact. */
const TARE_LIMIT_MILLI = 1_000_000_000;
const MAX_CONTAINERS_PER_LINE = 10_000;

const containerCodeField = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'is required')
  .max(32, 'must be at most 32 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'may contain only letters, digits and . _ / -');

const TareSchema = z.strictObject({
  code: containerCodeField,
  label: z.string({ error: 'must be text' }).trim().max(60, 'must be at most 60 characters').default(''),
  /** Thousandths of the product's unit. */
  tare_milli: z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'cannot be negative')
    .max(TARE_LIMIT_MILLI, 'is too large'),
});
export type Tare = z.infer<typeof TareSchema>;

export const TareListSchema = z
  .array(TareSchema, { error: 'must be a list of containers' })
  .max(200, 'may have at most 200 containers')
  .superRefine((tares, ctx) => {
    const seen = new Set<string>();
    tares.forEach((tare, i) => {
      if (seen.has(tare.code))
        ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `container ${tare.code} is listed twice` });
      seen.add(tare.code);
    });
  });

export const ContainerCountSchema = z.strictObject({
  code: containerCodeField,
  count: z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_CONTAINERS_PER_LINE, `must be at most ${MAX_CONTAINERS_PER_LINE}`),
});
export type ContainerCount = z.infer<typeof ContainerCountSchema>;

export type NetWeight =
  { ok: true; tare_milli: number; net_quantity_milli: number } | { ok: false; field: string; message: string };

/** The tare of a delivery's containers and what is left of the gross weight, or the field to correct. */
export function netWeight(
  tares: readonly Tare[],
  containers: readonly ContainerCount[],
  grossMilli: number,
): NetWeight {
  let tareMilli = 0;
  for (const [i, container] of containers.entries()) {
    const tare = tares.find((t) => t.code === container.code);
    if (!tare) {
      const known = tares.map((t) => t.code).join(', ') || 'none are set up';
      return {
        ok: false,
        field: `containers.${i}.code`,
        message: `"${container.code}" is not a container of this product (${known})`,
      };
    }
    tareMilli += container.count * tare.tare_milli;
  }
  const net = grossMilli - tareMilli;
  if (net < 0)
    return {
      ok: false,
      field: 'gross_weight_milli',
      message: `gross weight ${formatQuantity(grossMilli)} is less than the containers' tare ${formatQuantity(tareMilli)}: check the weight or the containers`,
    };
  return { ok: true, tare_milli: tareMilli, net_quantity_milli: net };
}
