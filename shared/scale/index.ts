export * from './settings';
export * from './reading';
