let known: Set<string> | null = null;

/**
 * An ISO 4217 code this runtime's Intl knows. The pattern alone let "XYZ" through, and every amount then printed
 * as "XYZ 24.50" on one desk and threw on another.
 */
export function isKnownCurrency(code: string): boolean {
  known ??= new Set(Intl.supportedValuesOf('currency'));
  return known.has(code);
}
