/**
 * Golden files for every output format of `seospam score`, on our own example pages.
 * Numbers that move with each retraining (scores, shares) are masked; verdicts, block
 * texts, places and reasons' words are compared. After retraining the shipped model,
 * review the diff and refresh them with `UPDATE_GOLDEN=1 npx vitest run test/cli/golden`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { examples, fixtures, hasModel, repoRoot, runCli } from './run-cli.js';

const goldenDir = path.join(fixtures, 'golden');
const pages = ['news-with-keyword-list.txt', 'blog-with-hidden-links.html', 'clean-article.html', 'shop-with-hijacked-title.html'].map((f) =>
  path.relative(repoRoot, path.join(examples, f)),
);

/** Masks numbers that change with the model: decimals and percentages. */
function mask(out: string): string {
  return out
    .replace(/"(score|spamShare)":\s*[0-9.e-]+/g, '"$1": N')
    .replace(/\b\d+\.\d+\b/g, 'N')
    .replace(/\b\d+%/g, 'N%')
    .replace(/\d+(\.\d+)? pages\/s/g, 'N pages/s');
}

const formats: Array<[string, string[]]> = [
  ['text', ['--format', 'text', '--all-blocks']],
  ['json', ['--format', 'json']],
  ['jsonl', ['--format', 'jsonl']],
  ['csv', ['--format', 'csv']],
];

describe.skipIf(!hasModel)('score output formats against golden files', () => {
  for (const [name, args] of formats) {
    it(`--format ${name}`, () => {
      const r = runCli(['score', ...pages, ...args, '--no-progress']);
      const got = mask(r.stdout);
      const file = path.join(goldenDir, `examples.${name}`);
      if (process.env.UPDATE_GOLDEN) {
        mkdirSync(goldenDir, { recursive: true });
        writeFileSync(file, got);
      }
      expect(existsSync(file), `${file} is missing: make it with UPDATE_GOLDEN=1`).toBe(true);
      expect(got).toBe(readFileSync(file, 'utf8'));
    });
  }
});
