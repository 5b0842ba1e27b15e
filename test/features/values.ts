/** Read feature values by column name from a FeatureMatrix. */
import type { FeatureMatrix } from '../../src/features/types.js';

export function value(m: FeatureMatrix, block: number, column: string): number {
  const i = m.columns.indexOf(column);
  if (i < 0) throw new Error(`no column ${column}`);
  const row = m.rows[block];
  if (!row) throw new Error(`no row ${block}`);
  return row[i] as number;
}

/** Values of one column over the given blocks. */
export function values(m: FeatureMatrix, blocks: readonly number[], column: string): number[] {
  return blocks.map((b) => value(m, b, column));
}
