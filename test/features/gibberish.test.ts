import { expect, test } from 'vitest';
import { extractFeatures } from '../../src/features/index.js';
import { GIBBERISH_BELOW, isGibberish, letterPairScore } from '../../src/features/gibberish.js';
import { makePage } from './make-page.js';
import { value } from './values.js';

test('random letter strings score below the line; words of several languages above it', () => {
  for (const w of ['qsjpdufx', 'zqfbmk', 'rcbdwjt', 'xkvpqz']) expect(isGibberish(w), w).toBe(true);
  for (const w of ['weather', 'bridge', 'schwarz', 'przyjaciel', 'nouvelle', 'ciudad', 'strength', 'rhythm']) {
    expect(isGibberish(w), w).toBe(false);
  }
  expect(letterPairScore('Abc')).toBeNull();
  expect(letterPairScore('café')).toBeNull();
  expect(letterPairScore('house')!).toBeGreaterThan(GIBBERISH_BELOW);
});

test('a block of random anchors is gibberish; prose, addresses and acronyms are not', () => {
  const m = extractFeatures(
    makePage('t', [
      { text: 'qsjpdufx · zqfbmk · rcbdwjt · xkvpqz · bridge' },
      { text: 'The old bridge over the river reopened this week after two years of repairs.' },
      { text: 'Visit http://www.sxtywbl.gov.cn or write to jrvthq@example.org about the NASDAQ listing.' },
    ]),
  );
  expect(value(m, 0, 'gib_word_share')).toBeCloseTo(0.8, 5);
  expect(value(m, 0, 'gib_words_log')).toBeCloseTo(Math.log1p(4), 5);
  expect(m.evidence[0]?.gibberish).toBe('qsjpdufx');
  expect(value(m, 1, 'gib_word_share')).toBe(0);
  expect(value(m, 2, 'gib_word_share')).toBe(0);
});
