import { describe, expect, it } from 'vitest';
import { mapLabels } from '../../src/data/map-labels.js';
import { parsePage } from '../../src/page/index.js';
import { autoPageLabel, effectiveMarks, markedLines, markedSelectors, spamRegions } from '../../src/review/regions.js';

const NESTED =
  '<html><body><div class="box">Visit our partner shops for cheap watches and bags today ' +
  '<p>The library opens at nine on Saturdays and closes at five.</p> more cheap watches</div>' +
  '<ul><li><p>First item paragraph text here</p></li><li><p>Second item paragraph text</p></li></ul></body></html>';

const TEXT = ['晨练队周六七点在公园东门集合', '', '澳门博彩 时时彩 北京赛车 六合彩 百家乐 体育投注', '快三开奖 幸运飞艇 重庆时时彩 老虎机 真人娱乐平台', '', '下周改在西门集合，请互相转告。'].join('\n');

describe('markedLines', () => {
  it('merges consecutive spam blocks (across blank lines) and splits at a clean block', () => {
    const lines: Array<[number, number]> = [[0, 0], [2, 2], [3, 4], [6, 6], [7, 7], [9, 9]];
    expect(markedLines(lines, [true, false, true, true, false, true])).toEqual([[0, 0], [3, 6], [9, 9]]);
    expect(markedLines(lines, [false, false, false, false, false, false])).toEqual([]);
    expect(markedLines(lines, [true, true, true, true, true, true])).toEqual([[0, 9]]);
  });
});

describe('markedSelectors', () => {
  it('drops repeats and selectors inside another marked one', () => {
    const sels = ['html > body > div:nth-of-type(1)', 'html > body > div:nth-of-type(1) > p:nth-of-type(1)', 'html > body > div:nth-of-type(1)', 'html > body > div:nth-of-type(10)'];
    expect(markedSelectors(sels, [true, true, true, true])).toEqual(['html > body > div:nth-of-type(1)', 'html > body > div:nth-of-type(10)']);
    expect(markedSelectors(sels, [false, true, false, false])).toEqual(['html > body > div:nth-of-type(1) > p:nth-of-type(1)']);
  });
});

describe('spamRegions round trip', () => {
  it('text page: the written line ranges map back onto exactly the marked blocks', () => {
    const parsed = parsePage(TEXT, { kind: 'text' });
    // The two short keyword lines form one block.
    expect(parsed.page.blocks.map((b) => b.lines)).toEqual([[0, 0], [2, 3], [5, 5]]);
    const marks = [false, true, false];
    const spam = spamRegions(parsed, marks);
    expect(spam).toEqual({ lines: [[2, 3]] });
    expect(mapLabels(parsed, spam).isSpam).toEqual(marks);
  });

  it('HTML page: a marked block inside a clean one is labeled alone', () => {
    const parsed = parsePage(NESTED, { kind: 'html' });
    const marks = [false, true, false, false];
    expect(spamRegions(parsed, marks)).toEqual({ selectors: ['html > body > div:nth-of-type(1) > p:nth-of-type(1)'] });
    expect(effectiveMarks(parsed, marks)).toEqual(marks);
  });

  it('HTML page: marking an outer block makes the blocks inside it spam too, as the loader will read it', () => {
    const parsed = parsePage(NESTED, { kind: 'html' });
    // Blocks 0 and 2 are the div's own text; block 1 is the paragraph inside it.
    expect(effectiveMarks(parsed, [true, false, false, false])).toEqual([true, true, true, false]);
  });

  it('no marked block: no regions, page clean', () => {
    const parsed = parsePage(NESTED, { kind: 'html' });
    expect(spamRegions(parsed, [false, false, false, false])).toBeUndefined();
    expect(autoPageLabel([false, false])).toBe('clean');
    expect(autoPageLabel([true, false])).toBe('mixed');
    expect(autoPageLabel([true, true])).toBe('spam');
  });
});
