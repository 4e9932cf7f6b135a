export * from './fields';
export * from './suppliers';
export * from './products';
export * from './product-rates';
export * from './collections';
export * from './payments';
export * from './entities';
