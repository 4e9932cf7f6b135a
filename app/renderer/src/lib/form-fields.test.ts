import { describe, expect, it } from 'vitest';
import { failureMessage } from './failure';
import { ApiError } from './api-error';
import { formFields } from './form-fields';

describe('refused fields as a form names them', () => {
  it('takes the record field out of an update patch or a resolution data, and leaves other paths alone', () => {
    expect(
      formFields({
        'patch.mobile_phone': 'must be in international format',
        'data.void_reason': 'must be at most 500 characters',
        data: 'is not a record',
        'terms.rate.base_rate_minor': 'must be a whole number',
        code: 'is already used',
      }),
    ).toEqual({
      mobile_phone: 'must be in international format',
      void_reason: 'must be at most 500 characters',
      _: 'is not a record',
      'terms.rate.base_rate_minor': 'must be a whole number',
      code: 'is already used',
    });
  });

  it('an error a call returns is keyed by the form field, and a banner names it in words', () => {
    const error = new ApiError('VALIDATION_FAILED', 'x', { 'patch.mobile_phone': 'must be in international format' });
    expect(error.fields).toEqual({ mobile_phone: 'must be in international format' });
    expect(failureMessage(error, ['mobile_phone'])).toBe('Please correct the highlighted field.');
    expect(failureMessage(error)).toBe('Mobile money number must be in international format');
    const resolve = new ApiError('VALIDATION_FAILED', 'x', { 'data.void_reason': 'must be at most 500 characters' });
    expect(failureMessage(resolve)).toBe('Void reason must be at most 500 characters');
  });
});
