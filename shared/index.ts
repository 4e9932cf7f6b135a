export * from './errors';
export * from './validation';
export * from './ids';
export * from './dates';
export * from './money';
export * from './domain';
export * from './sync/hlc';
export * from './sync/protocol';
