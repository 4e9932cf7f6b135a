/** Two real-shaped rules the tests (and part B's end-to-end checks) price by: tea leaf by grade, milk by chart. */
import type { PricingRuleVersion } from './rule';

export const TEA_PRODUCT = '0190a000-0000-7000-8000-00000000f001';
export const MILK_PRODUCT = '0190a000-0000-7000-8000-00000000f002';
export const HILL_ROUTE = '0190a000-0000-7000-8000-00000000f0a1';
export const UPPER_CENTRE = '0190a000-0000-7000-8000-00000000f0c1';

/** Tea leaf: 24.00 / 20.00 / 15.00 per kg by grade; sacks weigh 1 kg (wet 1.5 kg); the hill route pays 1.00 more. */
export const TEA_RULE: PricingRuleVersion = {
  uuid: '0190a000-0000-7000-8000-00000000e001',
  product_uuid: TEA_PRODUCT,
  effective_from: '2026-03-01',
  rate: {
    by: 'grade',
    grades: [
      { code: 'A', label: 'Two leaves and a bud', rate_minor: 2400 },
      { code: 'B', label: 'Coarse', rate_minor: 2000 },
      { code: 'C', label: 'Hard leaf', rate_minor: 1500 },
    ],
  },
  tares: [
    { code: 'ROPE', label: 'Rope sack', tare_milli: 1000 },
    { code: 'WET', label: 'Wet sack', tare_milli: 1500 },
  ],
  overrides: [
    {
      route_uuid: HILL_ROUTE,
      centre_uuid: null,
      rate: {
        by: 'grade',
        grades: [
          { code: 'A', label: 'Two leaves and a bud', rate_minor: 2500 },
          { code: 'B', label: 'Coarse', rate_minor: 2100 },
          { code: 'C', label: 'Hard leaf', rate_minor: 1600 },
        ],
      },
      tares: [],
    },
    {
      route_uuid: null,
      centre_uuid: UPPER_CENTRE,
      rate: null,
      tares: [{ code: 'WET', label: 'Wet sack', tare_milli: 2000 }],
    },
  ],
  notes: '',
};

/** Milk per litre by a fat × SNF chart; cans by their number. */
export const MILK_RULE: PricingRuleVersion = {
  uuid: '0190a000-0000-7000-8000-00000000e002',
  product_uuid: MILK_PRODUCT,
  effective_from: '2026-03-01',
  rate: {
    by: 'chart',
    axes: [
      {
        reading: { key: 'fat', label: 'Fat %', scale: 2, min: 0, max: 1500 },
        bands: [
          { min: 300, max: 349 },
          { min: 350, max: 399 },
          { min: 400, max: 499 },
        ],
      },
      {
        reading: { key: 'snf', label: 'SNF %', scale: 2, min: 0, max: 1500 },
        bands: [
          { min: 800, max: 849 },
          { min: 850, max: 950 },
        ],
      },
    ],
    rates: [
      [4000, 4200],
      [4400, 4600],
      [4800, 5000],
    ],
  },
  tares: [
    { code: 'CAN-7', label: 'Can no. 7', tare_milli: 2350 },
    { code: 'CAN-12', label: 'Can no. 12', tare_milli: 2410 },
  ],
  overrides: [],
  notes: '',
};
