import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderEvalReport, scores } from '../../src/report/eval-html.js';
import { prCurveSvg } from '../../src/report/pr-curve-svg.js';
import { formatThreshold } from '../../src/scorer/numbers.js';
import type { EvalReportInput } from '../../src/report/types.js';
import { FIXTURES } from './load-fixtures.js';

const input = JSON.parse(await readFile(path.join(FIXTURES, 'eval-compare.json'), 'utf8')) as EvalReportInput;

/** The HTML of the `<section data-set=NAME>` element. */
function section(html: string, name: string): string {
  const m = new RegExp(`<section class="set" data-set="${name}">([\\s\\S]*?)</section>`).exec(html);
  if (!m) throw new Error(`no section ${name}`);
  return m[1];
}

describe('renderEvalReport', () => {
  const html = renderEvalReport(input);

  it('puts real sets first and synthetic sets apart after them', () => {
    const real = html.indexOf('data-set="real dev"');
    const apart = html.indexOf('<h2 class="apart">Synthetic sets');
    const synth = html.indexOf('data-set="synthetic"');
    expect(real).toBeGreaterThan(0);
    expect(apart).toBeGreaterThan(real);
    expect(synth).toBeGreaterThan(apart);
    expect(section(html, 'synthetic')).toContain('<span class="tag synthetic">synthetic</span>');
  });

  it('draws one PR curve per model with the threshold marked, as inline SVG', () => {
    const dev = section(html, 'real dev');
    expect(dev.match(/<svg /g)).toHaveLength(1);
    expect(dev.match(/<polyline class="curve"/g)).toHaveLength(2);
    expect(dev.match(/<circle class="at"/g)).toHaveLength(2);
    expect(dev).toContain('stroke-dasharray'); // the second curve reads without colour
    // Points run by recall: the first polyline's x values never go down.
    const points = /<polyline class="curve" points="([^"]+)"/.exec(dev)?.[1] ?? '';
    const xs = points.split(' ').map((p) => Number(p.split(',')[0]));
    expect(xs.length).toBe(25);
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThanOrEqual(xs[i - 1]);
  });

  it('shows the confusion matrix and metrics computed from the counts, with the change between models', () => {
    const dev = section(html, 'real dev');
    for (const v of [437, 29, 33, 5218]) expect(dev).toContain(`<span class="n">${v}</span>`);
    const s = scores({ tp: 437, fp: 29, fn: 33, tn: 5218 });
    expect(dev).toContain(`<dt>F1</dt><dd>${s.f1!.toFixed(3)}`);
    const before = scores({ tp: 412, fp: 37, fn: 58, tn: 5210 });
    expect(dev).toContain(`(+${(s.f1! - before.f1!).toFixed(3)})`);
  });

  it('marks each curve at the precision and recall printed in its card, not at the nearest raw-score point', () => {
    const dev = section(html, 'real dev');
    const circles = [...dev.matchAll(/<circle class="at" cx="([\d.]+)" cy="([\d.]+)"[^>]*><title>([^<]*)<\/title>/g)];
    expect(circles).toHaveLength(2);
    input.models.forEach((m, k) => {
      const set = m.sets.find((x) => x.name === 'real dev')!;
      const s = scores(set.confusion);
      // The card prints these figures beside the chart…
      expect(dev).toContain(`<dt>precision</dt><dd>${s.precision!.toFixed(3)}`);
      // …and the circle's title and place are the same numbers.
      expect(circles[k][3]).toContain(`at threshold ${formatThreshold(m.threshold)}: precision ${s.precision!.toFixed(3)}, recall ${s.recall!.toFixed(3)}`);
      const lone = prCurveSvg([{ label: 'x', points: [], at: { threshold: m.threshold, precision: s.precision!, recall: s.recall! } }], 't');
      const [, cx, cy] = /<circle class="at" cx="([\d.]+)" cy="([\d.]+)"/.exec(lone)!;
      expect([circles[k][1], circles[k][2]]).toEqual([cx, cy]);
    });
  });

  it('prints undefined figures as – : recall of a source without spam, precision where nothing is flagged', () => {
    const noSpam = { tp: 0, fp: 3, fn: 0, tn: 90 };
    expect(scores(noSpam)).toEqual({ precision: 0, recall: null, f1: 0 });
    expect(scores({ tp: 0, fp: 0, fn: 0, tn: 40 })).toEqual({ precision: null, recall: null, f1: null });
    const dev = input.models[0].sets[0];
    const clean = { ...dev, bySource: [{ key: 'docs-clean', pages: 4, confusion: { tp: 0, fp: 0, fn: 0, tn: 40 } }] };
    const out = renderEvalReport({ models: [{ ...input.models[0], sets: [clean] }] });
    expect(out).toContain('<td class="k">docs-clean</td><td>4</td><td>0</td><td>0</td><td>0</td><td>40</td><td>–</td><td>–</td><td>–</td>');
    expect(out).not.toContain('<td>0.000</td>');
  });

  it('shows a threshold with its own digits, so the model threshold is not read as a grid row', () => {
    expect(formatThreshold(0.6)).toBe('0.6');
    expect(formatThreshold(0.985051)).toBe('0.9851');
  });

  it('highlights the threshold row nearest the model threshold', () => {
    const dev = section(html, 'real dev');
    const at = [...dev.matchAll(/<tr class="at[^"]*"><td>([\d.]+)<\/td>/g)].map((m) => m[1]);
    expect(at).toEqual(['0.6', '0.6']);
  });

  it('writes thresholds with every decimal they need (0.985, never 0.99)', () => {
    const sharp: EvalReportInput = { ...input, models: input.models.map((m) => ({ ...m, threshold: 0.985 })) };
    const out = renderEvalReport(sharp);
    expect(out).toContain('(threshold 0.985)');
    expect(out).toContain("the model's threshold 0.985");
    expect(out).not.toMatch(/threshold 0\.99\b/);
  });

  it('lists per-source and per-language rows', () => {
    const dev = section(html, 'real dev');
    expect(dev).toContain('<td class="k">news-zh</td>');
    expect(dev).toContain('<td class="k">forums-en</td>');
    expect(dev.match(/<td class="k">zh<\/td>/g)).toHaveLength(2);
  });

  it('lists the blocks whose verdict changed, fixed or broken against the label, as escaped text', () => {
    expect(html).toContain('4 blocks changed from seospam-blocks 2024.05.0 to seospam-blocks 2024.06.1: 2 now agree with the label, 2 no longer do.');
    expect(html).toContain('东莞网络公司选择2火星下拉');
    expect(html).toContain('lines 15–17');
    expect(html).not.toMatch(/<script|<img|<\/td><\/table>/);
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html.match(/<td class="broke">broken<\/td>/g)).toHaveLength(2);
  });

  it('caps the changed list and omits it for a single model', () => {
    expect(renderEvalReport(input, { maxChanged: 1 })).toContain('Showing the first 1 of 4.');
    const single = renderEvalReport({ models: [input.models[1]], changed: input.changed });
    expect(single).not.toContain('Blocks whose verdict changed');
    expect(section(single, 'real dev').match(/<polyline/g)).toHaveLength(1);
  });

  it('shows notes, and says so when nothing was evaluated', () => {
    expect(html).toContain("<li>baseline &#39;keyword-density&#39; skipped: no threshold file</li>");
    expect(renderEvalReport({ models: [{ model: 'm', modelVersion: '1', threshold: 0.5, sets: [] }] })).toContain('No sets were evaluated.');
  });
});

