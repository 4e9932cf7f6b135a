/** A count with its noun, singular for exactly one: "1 entry", "2 entries", "0 payments". */
export function counted(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
