import { z } from 'zod';
import { dateField, uuidField } from '../domain/fields';

/** Which report to print, with its parameters (dates are the organisation's calendar dates). */
export const ReportSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('statement'), supplier_uuid: uuidField, from: dateField, to: dateField }),
  z.strictObject({ kind: z.literal('daily'), date: dateField }),
  z.strictObject({ kind: z.literal('receipt'), payment_uuid: uuidField }),
  z.strictObject({ kind: z.literal('settlement'), from: dateField, to: dateField }),
]);
export type ReportSpec = z.infer<typeof ReportSpecSchema>;
