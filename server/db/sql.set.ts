/**
 * The SET list of a partial UPDATE: only the given columns, each value bound as a parameter
 * appended to `params`. Column names come from the caller's fixed allow-list, never from input.
 */
export function setClause<T extends object>(changes: T, columns: readonly (keyof T & string)[], params: unknown[]): string[] {
  const sets: string[] = [];
  for (const k of columns) {
    if (changes[k] === undefined) continue;
    params.push(changes[k]);
    sets.push(`${k} = $${params.length}`);
  }
  return sets;
}
