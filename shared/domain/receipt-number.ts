/** A payment's receipt number, as its printed receipt and every list show it: the uuid's random tail. */
export function receiptNumberOf(paymentUuid: string): string {
  return paymentUuid.slice(-12).toUpperCase();
}
