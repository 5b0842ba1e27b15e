import { describe, expect, it } from 'vitest';
import { formatScore, roundScore } from '../../src/scorer/numbers.js';

describe('scores as written out', () => {
  it('never round a score under the verdict line onto it', () => {
    expect(formatScore(0.4996)).toBe('0.49');
    expect(roundScore(0.49996)).toBe(0.4999);
    expect(roundScore(0.4996, 3)).toBe(0.499);
    expect(formatScore(0.5)).toBe('0.50');
    expect(formatScore(0.8149)).toBe('0.81');
    expect(roundScore(0.12345)).toBe(0.1235);
    expect(roundScore(Number.NaN)).toBe(0);
  });
});
