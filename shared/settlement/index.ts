export * from './input';
export { computeSettlement, lineOrder } from './compute-settlement';
export { bonusGross, computeSecondPayment, type BonusInput, type QuantityTotal } from './second-payment';
export * from './credit-balance';
export { adjustmentLabel } from './adjustments';
