import { describe, expect, it } from 'vitest';
import { fasttextAvailable, fasttextScores } from '../../src/model/baselines/fasttext.js';

const spam = [
  'best online casino bonus free spins no deposit',
  'payday loans same day cheap pills online casino',
  'online casino real money free spins bonus',
  'buy cheap pills online payday loans bad credit',
];
const clean = [
  'the library opens a new reading room for children this autumn',
  'we planted tomatoes on the balcony and watered them every day',
  'the city council met on monday to discuss the new bridge',
  'our team walked along the river and watched the boats',
];

describe.skipIf(!fasttextAvailable())('fastText baseline (Debian fasttext on PATH)', () => {
  it('trains on labelled blocks and scores unseen ones, spam above clean', () => {
    const train = Array.from({ length: 200 }, (_, k) => [
      { text: spam[k % spam.length]!, spam: true },
      { text: clean[k % clean.length]!, spam: false },
    ]).flat();
    const scores = fasttextScores(train, ['free spins casino bonus online', 'children read books in the new library room', '']);
    expect(scores).not.toBeNull();
    expect(scores!).toHaveLength(3);
    expect(scores![0]).toBeGreaterThan(scores![1]!);
    for (const s of scores!) expect(s >= 0 && s <= 1).toBe(true);
  });
});

describe.skipIf(fasttextAvailable())('fastText baseline without fasttext', () => {
  it('gives null, so eval notes the skip', () => {
    expect(fasttextScores([{ text: 'a', spam: true }], ['a'])).toBeNull();
  });
});
