export * from './fields';
export * from './roles';
export * from './entity-kit';
export * from './entities/suppliers';
export * from './entities/products';
export * from './entities/product-rates';
export * from './entities/collections';
export * from './entities/payments';
export * from './entity-names';
export * from './registry';
export * from './permissions';
// Pay runs (issue 16): schemas only; not synced entity types yet.
export * from './charges';
export * from './supplier-credits';
export * from './settlement-lines';
export * from './settlement-runs';
export * from './payout-details';
export * from './payout-results';
