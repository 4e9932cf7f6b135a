/** Which rule version prices what: dated like rates, and pinned once a collection is priced. */

export interface DatedVersion {
  uuid: string;
  product_uuid: string;
  effective_from: string;
  deleted_at?: string | null;
}

/**
 * The version in force for a product on a local date: the latest effective_from on or before it; two from the
 * same day go to the later-made one (UUIDv7 orders by creation), as for rates.
 */
export function ruleVersionInForce<T extends DatedVersion>(
  versions: Iterable<T>,
  productUuid: string,
  date: string,
): T | undefined {
  let best: T | undefined;
  for (const version of versions) {
    if (version.deleted_at || version.product_uuid !== productUuid || version.effective_from > date) continue;
    if (
      !best ||
      version.effective_from > best.effective_from ||
      (version.effective_from === best.effective_from && version.uuid > best.uuid)
    )
      best = version;
  }
  return best;
}

/**
 * The version a stored collection was priced by — that one, never "the latest": re-pricing reads it even if
 * it has since been superseded or withdrawn, so a stored amount never moves with a later rule.
 */
export function storedRuleVersion<T extends DatedVersion>(
  versions: Iterable<T>,
  ruleVersionUuid: string,
): T | undefined {
  for (const version of versions) if (version.uuid === ruleVersionUuid) return version;
  return undefined;
}
