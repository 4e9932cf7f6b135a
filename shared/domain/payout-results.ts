import { z } from 'zod';

const PAYOUT_RESULT_STATUSES = ['paid', 'failed'] as const;
export type PayoutResultStatus = (typeof PAYOUT_RESULT_STATUSES)[number];

/** One row of a payout result file from the bank or mobile-money provider. */
export const PayoutResultRowSchema = z
  .strictObject({
    reference: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
    status: z
      .string()
      .trim()
      .toLowerCase()
      .refine((v): v is PayoutResultStatus => (PAYOUT_RESULT_STATUSES as readonly string[]).includes(v), {
        message: 'must be paid or failed',
      }),
    provider_reference: z.string().trim().max(120, 'must be at most 120 characters').default(''),
    message: z.string().trim().max(500, 'must be at most 500 characters').default(''),
  })
  .superRefine((row, ctx) => {
    if (row.status === 'paid' && row.provider_reference === '')
      ctx.addIssue({ code: 'custom', path: ['provider_reference'], message: 'is required for a paid line' });
  });
export type PayoutResultRow = z.output<typeof PayoutResultRowSchema> & { status: PayoutResultStatus };

/** POST /api/v1/settlements/:id/payout-results: the lines of one result file, read whole. */
export const PayoutResultsBodySchema = z.strictObject({
  results: z.array(PayoutResultRowSchema).min(1, 'must list at least one line').max(50_000, 'are too many'),
});
