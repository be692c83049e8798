/**
 * Value parsers shared by both back ends, so a row read through PGlite and one read
 * through node-postgres are deep-equal (see db.types.ts for the contract).
 */
export const OID = { int8: 20, date: 1082, numeric: 1700 } as const;

export function parseInt8(text: string): number {
  const n = Number(text);
  // Our ids and counts fit easily; silently losing precision would corrupt data.
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} exceeds the safe integer range`);
  return n;
}

/** A calendar date stays text: converting it to a Date would shift it by the process's zone. */
export function parseDate(text: string): string {
  return text;
}
