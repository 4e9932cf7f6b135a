import { invalid } from '../op/env';
import type { EntityRules } from '.';

/** A void is for good and says why. */
export const paymentRules: EntityRules = {
  checkUpdate(values, current) {
    if ('voided_at' in values && values.voided_at === null && current.voided_at)
      return invalid({ voided_at: 'cannot be cleared once set' }, 'A voided payment cannot be un-voided');
    if (values.voided_at && !(values.void_reason ?? current.void_reason))
      return invalid({ void_reason: 'is required to void a payment' }, 'Voiding a payment needs a reason');
    return null;
  },
};
