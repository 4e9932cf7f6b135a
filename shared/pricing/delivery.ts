import { z } from 'zod';
import { positiveInt, uuidField } from '../domain/fields';
import { gradeCodeField } from './grades';
import { ReadingsSchema } from './readings';
import { ContainerCountSchema } from './tare';

/** Why a delivery was refused at the scale; "other" needs the free text. */
export const REJECTION_REASONS = ['adulterated', 'wet', 'low_density', 'foreign_matter', 'other'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const REJECTION_REASON_LABELS: Record<RejectionReason, string> = {
  adulterated: 'Adulterated',
  wet: 'Wet',
  low_density: 'Low density',
  foreign_matter: 'Foreign matter',
  other: 'Other',
};

export const RejectionSchema = z
  .strictObject({
    reason: z.enum(REJECTION_REASONS, { error: `must be one of: ${REJECTION_REASONS.join(', ')}` }),
    note: z.string({ error: 'must be text' }).trim().max(500, 'must be at most 500 characters').default(''),
  })
  .superRefine((rejection, ctx) => {
    if (rejection.reason === 'other' && rejection.note === '')
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'say what was wrong when the reason is "other"' });
  });
export type Rejection = z.infer<typeof RejectionSchema>;

/** What arrives at the scale: the product, its gross weight, containers, grade or readings, and where. */
export const DeliverySchema = z.strictObject({
  product_uuid: uuidField,
  /** Thousandths of the product's unit, as the scale read it or the clerk typed it. */
  gross_weight_milli: positiveInt,
  containers: z
    .array(ContainerCountSchema, { error: 'must be a list of containers' })
    .max(50, 'may list at most 50 kinds of container')
    .default([]),
  grade: gradeCodeField.nullable().default(null),
  readings: ReadingsSchema.default({}),
  route_uuid: uuidField.nullable().default(null),
  centre_uuid: uuidField.nullable().default(null),
  /** A refused delivery is still weighed and recorded, at no amount. */
  rejection: RejectionSchema.nullable().default(null),
});
export type Delivery = z.infer<typeof DeliverySchema>;
export type DeliveryInput = z.input<typeof DeliverySchema>;
