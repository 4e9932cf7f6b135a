export * from './input';
export { computeSettlement, lineOrder } from './compute-settlement';
export { computeSecondPayment } from './second-payment';
export * from './credit-balance';
