export * from './decimal';
export * from './money';
export * from './words';
export * from './currency-codes';
