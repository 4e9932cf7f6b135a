export * from './fields';
export * from './suppliers';
export * from './products';
export * from './product-rates';
export * from './collections';
export * from './payments';
export * from './entities';
// Pay runs (issue 16): schemas only; not synced entity types yet.
export * from './charges';
export * from './supplier-credits';
export * from './settlement-lines';
export * from './settlement-runs';
export * from './payout-details';
export * from './payout-results';
