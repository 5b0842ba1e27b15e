/** Writes a tiny labeled corpus of text pages (labels.jsonl + pages/) for CLI tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from './helpers.js';

const PROSE = [
  'The committee met on Tuesday to discuss the budget for the coming year.',
  'Rainfall in the valley was lower than average, and farmers planted later.',
  'She walked to the station, bought a paper, and waited for the early train.',
  'The museum reopened after a long renovation with a new wing for textiles.',
  'Researchers measured the temperature of the lake every morning for a month.',
];
const SPAM = ['cheap loans', 'best casino', 'buy followers', 'seo service', 'fast ranking'];

/** `pages` text pages; odd pages carry a spam run of keyword lines; dev pages are all clean when `cleanDev`. */
export function writeTinyCorpus(dir: string, pages: number, seed: number, cleanDev = false): void {
  const r = rng(seed);
  mkdirSync(join(dir, 'pages', 'tiny'), { recursive: true });
  const labels: string[] = [];
  for (let k = 0; k < pages; k++) {
    const lines: string[] = [];
    for (let i = 0; i < 8; i++) lines.push(PROSE[Math.floor(r() * PROSE.length)]);
    const split = k % 4 === 3 ? 'dev' : 'train';
    const spam = k % 2 === 1 && !(cleanDev && split === 'dev');
    let range: [number, number] | null = null;
    if (spam) {
      const start = lines.length;
      for (let i = 0; i < 5; i++) {
        const w = SPAM[Math.floor(r() * SPAM.length)];
        lines.push(`${w} ${w} city ${i} ${w} online ${w} now`);
      }
      range = [start, lines.length - 1];
    }
    const file = `pages/tiny/${String(k).padStart(3, '0')}.txt`;
    writeFileSync(join(dir, file), lines.join('\n') + '\n');
    labels.push(
      JSON.stringify({
        id: `tiny-${k}`,
        file,
        source: 'tiny',
        lang: 'en',
        page: spam ? 'mixed' : 'clean',
        split,
        ...(range ? { spam: { lines: [range] } } : {}),
      }),
    );
  }
  writeFileSync(join(dir, 'labels.jsonl'), labels.join('\n') + '\n');
}
