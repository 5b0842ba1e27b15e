import { describe, expect, it } from 'vitest';
import { rulesScore } from '../../src/model/baselines/rules.js';

const prose =
  'The committee met on Tuesday to discuss the budget for the coming year, and members agreed to publish the minutes.';

describe('rules baseline', () => {
  it('passes ordinary prose', () => {
    expect(rulesScore({ text: prose, parts: [prose], chars: prose.length, linkChars: 0 })).toBeLessThan(0.5);
  });

  it('fires on duplicate lines, repeated n-grams and link-dense blocks', () => {
    const parts = ['cheap loans online', 'cheap loans online', 'best casino bonus', 'cheap loans online'];
    expect(rulesScore({ text: parts.join(' '), parts, chars: 70, linkChars: 0 })).toBeGreaterThanOrEqual(0.5);
    const repeated = Array.from({ length: 6 }, () => 'buy cheap shoes now').join(' ');
    expect(rulesScore({ text: repeated, parts: [repeated], chars: repeated.length, linkChars: 0 })).toBeGreaterThanOrEqual(0.5);
    expect(rulesScore({ text: 'Home About Contact', parts: ['Home About Contact'], chars: 18, linkChars: 16 })).toBeGreaterThanOrEqual(0.5);
  });
});
