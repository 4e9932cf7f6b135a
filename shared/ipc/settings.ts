import { z } from 'zod';
import { isKnownCurrency } from '../money/currency-codes';
import { EntityTypeSchema } from '../domain/registry';
import { serverAddressesField } from '../sync/server-addresses';
import { ScaleSettingsSchema } from '../scale/settings';

/** Whether Intl accepts the tag: a tag it refuses throws in every number and date format, blanking the screens. */
function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** A desk's settings: the schema is the one definition; the type is read from it. */
export const SettingsSchema = z.strictObject({
  serverUrl: serverAddressesField({ optional: true }),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a 3-letter currency code such as KES')
    .refine(isKnownCurrency, { message: 'is not a currency code (such as KES, USD or EUR)', abort: true }),
  locale: z.string().min(2, 'is required').max(35).refine(isLanguageTag, 'not a valid language tag'),
  companyName: z.string().trim().max(120, 'must be at most 120 characters'),
  companyAddress: z.string().trim().max(500, 'must be at most 500 characters'),
  selectiveSync: z.array(EntityTypeSchema).min(1, 'pick at least one kind of record'),
  paperSize: z.enum(['A4', 'Letter']),
  defaultPrinter: z.string().max(200),
  /** The scale on this desk's serial port, or null when it has none (weights are typed). */
  scale: ScaleSettingsSchema.nullable(),
});
export type Settings = z.output<typeof SettingsSchema>;
