/** The two milking/plucking shifts a buying day has; one delivery per supplier per shift is the norm. */
export const SHIFTS = ['morning', 'evening'] as const;
export type Shift = (typeof SHIFTS)[number];

export const SHIFT_LABELS: Record<Shift, string> = { morning: 'Morning', evening: 'Evening' };
