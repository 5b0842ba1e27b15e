import { expect, test } from 'vitest';
import { extractFeatures } from '../../src/features/index.js';
import { jiebaLoaded } from '../../src/features/tokenize.js';
import { makePage } from './make-page.js';

// Runs in its own worker: nothing else has loaded jieba here.
test('a page without Chinese text never loads jieba', () => {
  const page = makePage('A quiet page', [{ text: 'Nothing but English words here, and some numbers: 2024.' }]);
  const m = extractFeatures(page);
  expect(m.rows.length).toBe(1);
  expect(jiebaLoaded()).toBe(false);
});
