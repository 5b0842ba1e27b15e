import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePage } from '../../src/page/index.js';
import { siblingRun } from '../../src/review/groups.js';
import { parseKeys } from '../../src/review/keys.js';
import { pageLang } from '../../src/review/lang.js';
import { LabelStore, pageId, splitFor } from '../../src/review/label-store.js';
import { PageEditor } from '../../src/review/page-editor.js';
import type { ReviewPage } from '../../src/review/types.js';
import { fit, textWidth } from '../../src/review/width.js';
import type { LabelRecord } from '../../src/data/types.js';

const tmp = mkdtempSync(join(tmpdir(), 'seospam-review-units-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FARM =
  '<html lang="en"><body><h1>Balcony tomatoes in July</h1><p>Water deeply every other morning and pinch out side shoots.</p>' +
  '<div class="farm"><p><a href="http://a.example/">cheap pills</a></p><p><a href="http://b.example/">casino bonus</a></p><p><a href="http://c.example/">payday loans</a></p></div>' +
  '<p>Thanks for reading, see you next week.</p></body></html>';

/** A page as the review holds it, with given model scores (threshold 0.5). */
function reviewPage(html: string, scores: number[]): ReviewPage {
  const parsed = parsePage(html, { kind: 'html' });
  return {
    source: 'farm.html',
    kind: 'html',
    bytes: Buffer.from(html),
    parsed,
    blocks: parsed.page.blocks.map((b, i) => ({ text: b.text, score: scores[i], modelSpam: scores[i] >= 0.5, reasons: [], selector: b.selector, lines: b.lines, hidden: b.hidden })),
    pageScore: 0.9,
    pageSpam: true,
    threshold: 0.5,
    lang: 'en',
  };
}

describe('parseKeys', () => {
  it('splits a chunk into arrows, Enter, letters and Ctrl-C', () => {
    expect(parseKeys('\x1b[A\x1b[Bjs\r \x03\x1b')).toEqual(['up', 'down', { char: 'j' }, { char: 's' }, 'enter', 'space', 'ctrl-c', 'escape']);
    expect(parseKeys('\r\n')).toEqual(['enter']);
    expect(parseKeys('\x1b[5~\x1b[6~\x1b[99Zq')).toEqual(['pageup', 'pagedown', { char: 'q' }]);
  });
});

describe('siblingRun', () => {
  it('selects the link farm paragraphs sharing a parent, and widens a level up', () => {
    const page = reviewPage(FARM, [0.1, 0.1, 0.9, 0.9, 0.9, 0.1]);
    expect(page.blocks.map((b) => b.text)).toEqual(['Balcony tomatoes in July', 'Water deeply every other morning and pinch out side shoots.', 'cheap pills', 'casino bonus', 'payday loans', 'Thanks for reading, see you next week.']);
    expect(siblingRun(page.blocks, 3, 1)).toEqual([2, 4]);
    expect(siblingRun(page.blocks, 3, 2)).toEqual([0, 5]);
    expect(siblingRun(page.blocks, 0, 1)).toEqual([0, 5]);
  });

  it('text pages: a paragraph is the run of lines without a blank line between', () => {
    const parsed = parsePage('a first line of ordinary prose here\nsecond line of ordinary prose here\n\nthird line after a blank line here\n', { kind: 'text' });
    const blocks = parsed.page.blocks.map((b) => ({ text: b.text, score: 0, modelSpam: false, reasons: [], selector: null, lines: b.lines, hidden: false }));
    expect(siblingRun(blocks, 1)).toEqual([0, 1]);
    expect(siblingRun(blocks, 2)).toEqual([2, 2]);
  });
});

describe('PageEditor', () => {
  it('starts from the given marks, marks a sibling group at once, and counts corrections against the model', () => {
    const page = reviewPage(FARM, [0.1, 0.1, 0.9, 0.3, 0.9, 0.6]);
    const ed = new PageEditor(page, { marks: page.blocks.map((b) => b.modelSpam), page: 'auto' });
    expect(ed.corrections()).toBe(0);
    const key = (c: string) => ed.handle({ char: c }, 10);
    key('j');
    key('j');
    key('j');
    key('g');
    expect(ed.selection()).toEqual([2, 4]);
    key('s');
    ed.handle('end', 10);
    key('c');
    expect(ed.result()).toEqual({ marks: [false, false, true, true, true, false], page: 'auto' });
    expect(ed.corrections()).toBe(2);
    expect(ed.handle('enter', 10)).toBe('save');
  });

  it('will not save a page labeled clean that has spam blocks', () => {
    const page = reviewPage(FARM, [0.1, 0.1, 0.9, 0.9, 0.9, 0.1]);
    const ed = new PageEditor(page, { marks: page.blocks.map((b) => b.modelSpam), page: 'auto' });
    ed.handle({ char: 'p' }, 10);
    expect(ed.page).toBe('clean');
    expect(ed.handle('enter', 10)).toBeNull();
    expect(ed.message).toMatch(/labeled clean but has spam blocks/);
    ed.handle({ char: 'X' }, 10);
    expect(ed.handle('enter', 10)).toBe('save');
  });

  it('says so when a block marked clean still counts as spam inside a marked block', () => {
    const html = '<html><body><div>cheap watches and bags for sale today <p>The library opens at nine on Saturdays.</p></div></body></html>';
    const page = reviewPage(html, [0.9, 0.2]);
    const ed = new PageEditor(page, { marks: [true, false], page: 'auto' });
    expect(ed.effective()).toEqual([true, true]);
    ed.handle('down', 10);
    ed.handle({ char: 'c' }, 10);
    expect(ed.message).toMatch(/block 2 lies inside a block marked spam/);
  });
});

describe('LabelStore', () => {
  const rec = (id: string, page: LabelRecord['page']): LabelRecord => ({ id, file: `pages/moderator/${id}.html`, source: 'moderator', lang: 'en', page, split: 'train' });

  it('replaces a relabeled page, keeps lines it did not write, and leaves no temp files', () => {
    const dir = join(tmp, 'store');
    const foreign = '{"id": "old-1", "file": "pages/x/1.html", "source": "x", "lang": "zh", "page": "clean", "split": "dev"}';
    const s0 = new LabelStore(dir);
    writeFileSync(s0.labelsFile, foreign + '\n');
    const a = new LabelStore(dir);
    a.put(rec('p1', 'mixed'), Buffer.from('<p>one</p>'));
    // Another session writing to the same folder meanwhile.
    new LabelStore(dir).put(rec('p2', 'clean'), Buffer.from('<p>two</p>'));
    a.put(rec('p1', 'clean'), Buffer.from('<p>one</p>'));
    const lines = readFileSync(a.labelsFile, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(foreign);
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(['old-1', 'p1', 'p2']);
    expect(JSON.parse(lines[1]).page).toBe('clean');
    expect(readFileSync(join(dir, 'pages/moderator/p1.html'), 'utf8')).toBe('<p>one</p>');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('ids are stable per path and source; the dev share is chosen by id', () => {
    expect(pageId('a/b/page one.html', 'moderator')).toBe(pageId('a/b/page one.html', 'moderator'));
    expect(pageId('a/b/page one.html', 'moderator')).toMatch(/^moderator-page-one-[0-9a-f]{8}$/);
    expect(pageId('a/c/page one.html', 'moderator')).not.toBe(pageId('a/b/page one.html', 'moderator'));
    const ids = Array.from({ length: 400 }, (_, i) => `moderator-p${i}`);
    expect(ids.every((id) => splitFor(id, 'train', 0) === 'train')).toBe(true);
    expect(ids.every((id) => splitFor(id, 'train', 1) === 'dev')).toBe(true);
    const dev = ids.filter((id) => splitFor(id, 'train', 0.25) === 'dev').length;
    expect(dev).toBeGreaterThan(60);
    expect(dev).toBeLessThan(140);
  });
});

describe('text helpers', () => {
  it('counts CJK characters as two columns and cuts to width', () => {
    expect(textWidth('首页 Home')).toBe(9);
    expect(fit('时时彩计划北京赛车', 9)).toBe('时时彩计…');
    expect(textWidth(fit('时时彩计划北京赛车', 9))).toBeLessThanOrEqual(9);
    expect(fit('short', 10)).toBe('short');
  });

  it('takes the declared language, else guesses from the script', () => {
    expect(pageLang('zh-CN', '')).toBe('zh');
    expect(pageLang(null, '城南社区图书馆春季开放时间调整')).toBe('zh');
    expect(pageLang(null, 'Growing tomatoes on a small balcony')).toBe('en');
    expect(pageLang(null, '12345')).toBe('unknown');
  });
});
