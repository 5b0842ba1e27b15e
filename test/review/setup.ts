/** Paths and the model the review tests run with: models/default when present, else a tiny model trained here. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(repoRoot, 'dist/cli/main.js');
export const built = existsSync(CLI);
/** A small labeled corpus written for these tests (the review pages are in it, with their true labels). */
export const fixtureCorpus = join(repoRoot, 'test/fixtures/review/corpus');
export const reviewPages = join(fixtureCorpus, 'pages/review');
const DEFAULT_MODEL = process.env.SEOSPAM_MODEL ?? join(repoRoot, 'models/default');

/** Runs the CLI to completion. */
export function cli(args: string[], cwd = repoRoot): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The model folder to use: models/default if it has a meta.json, else one trained into `tmp` on the fixture corpus. */
export function testModel(tmp: string): { dir: string; how: string } {
  if (existsSync(join(DEFAULT_MODEL, 'meta.json'))) {
    // Use it only when it loads with the current feature set.
    const probe = cli(['score', '--format', 'json', '--model', DEFAULT_MODEL, join(reviewPages, 'notes.txt')]);
    if (probe.status === 0 || probe.status === 1) return { dir: DEFAULT_MODEL, how: 'models/default' };
  }
  const dir = join(tmp, 'tiny-model');
  const r = cli(['train', '--data', fixtureCorpus, '--out', dir, '--epochs', '4', '--seed', '1', '--backend', 'cpu', '--threshold', '0.5']);
  if (r.status !== 0) throw new Error(`training the test model failed: ${r.stderr}`);
  return { dir, how: 'a tiny model trained on test/fixtures/review/corpus' };
}

/** The line a shown score is judged against: 0.5 for every model (scores are shown on the verdict scale). */
export function modelThreshold(_dir: string): number {
  return 0.5;
}

/** Copies the review pages into `dir` (so tests own the files they name). */
export function copyPages(dir: string, names: string[]): string[] {
  mkdirSync(dir, { recursive: true });
  return names.map((n) => {
    const to = join(dir, n);
    copyFileSync(join(reviewPages, n), to);
    return to;
  });
}
