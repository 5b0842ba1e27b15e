/** The block facts a model's rollup reads (rollup.ts BlockFacts), from a page's feature matrix and block selectors. */
import type { FeatureMatrix } from '../features/index.js';
import { cellTables } from '../page/siblings.js';
import { randomLetterBlocks } from './random-letters.js';
import type { BlockFacts, RollupSettings } from './rollup.js';

/** Only the facts the settings' rules use are computed. */
export function blockFacts(matrix: FeatureMatrix, selectors: readonly (string | null)[], settings: RollupSettings): BlockFacts {
  const facts: BlockFacts = {};
  if (settings.tableCells !== undefined) facts.tables = cellTables(selectors);
  if (settings.randomLetters !== undefined) facts.randomLetters = randomLetterBlocks(matrix, settings.randomLetters);
  return facts;
}
