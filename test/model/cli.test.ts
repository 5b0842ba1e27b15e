import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTinyCorpus } from './tiny-corpus.js';

const CLI = resolve('dist/cli/main.js');
const built = existsSync(CLI);
if (!built) console.warn(`skipping model CLI tests: ${CLI} is missing (run npx tsc -p . first)`);

const dir = mkdtempSync(join(tmpdir(), 'seospam-model-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!built)('seospam train / eval', () => {
  it('trains a model on a tiny corpus and evaluates it', () => {
    const corpus = join(dir, 'corpus');
    writeTinyCorpus(corpus, 24, 1);
    const out = join(dir, 'models', 'tiny');
    const train = spawnSync('node', [CLI, 'train', '--data', corpus, '--out', out, '--epochs', '6', '--backend', 'cpu'], { encoding: 'utf8' });
    expect(train.stderr).toMatch(/epoch 1\/6: loss/);
    // Each epoch line ends with its time and, at most, the time of the epochs left.
    expect(train.stderr).toMatch(/epoch 1\/6: loss .*; \d+ s, at most [\d.]+ (s|min|h) of epochs left/);
    expect(train.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['meta.json', 'model.json', 'weights.bin']);
    const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8'));
    expect(meta.backend).toBe('cpu');
    expect(meta.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);

    const ev = spawnSync('node', [CLI, 'eval', '--data', corpus, '--model', out, '--format', 'json', '--baselines', '--backend', 'cpu'], { encoding: 'utf8' });
    expect(ev.status).toBe(0);
    const result = JSON.parse(ev.stdout);
    expect(result.backend).toBe('cpu');
    expect(result.models.map((m: { model: string }) => m.model)).toEqual(expect.arrayContaining(['tiny', 'rules (Gopher + link density)']));
    const set = result.models[0].sets[0];
    expect(set.name).toBe('real dev');
    expect(set.pages).toBe(6);
    expect(set.spamBlocks).toBeGreaterThan(0);
    const text = spawnSync('node', [CLI, 'eval', '--data', corpus, '--model', out], { encoding: 'utf8' });
    expect(text.stdout).toMatch(/== real dev: 6 pages/);
    expect(text.stdout).toMatch(/clean-page FPR/);

    // A second model, compared side by side: both named over every table, verdict changes named.
    const other = join(dir, 'models', 'tiny-b');
    expect(spawnSync('node', [CLI, 'train', '--data', corpus, '--out', other, '--epochs', '2', '--seed', '7', '--backend', 'cpu']).status).toBe(0);
    const cmp = spawnSync('node', [CLI, 'eval', '--data', corpus, '--compare', out, other, '--backend', 'cpu'], { encoding: 'utf8' });
    expect(cmp.status).toBe(0);
    const lines = cmp.stdout.split('\n');
    const groupLines = lines.filter((l) => /^\s+tiny .*─.*tiny-b /.test(l));
    expect(groupLines).toHaveLength(3); // threshold, by source, by language
    const changed = /^(\d+) blocks changed verdict from tiny to tiny-b: \d+ now agree with the label, \d+ no longer do$/m.exec(cmp.stdout);
    expect(changed).not.toBeNull();
    const named = lines.filter((l) => /^ {2}(clean → spam|spam → clean) {2}\d\.\d{3} → \d\.\d{3} {2}labelled (spam|clean), now (right|wrong)/.test(l));
    expect(named).toHaveLength(Math.min(200, Number(changed![1])));
  });

  it('refuses to train without dev spam pages to choose thresholds on, unless the caller names a threshold', () => {
    const corpus = join(dir, 'corpus-clean-dev');
    writeTinyCorpus(corpus, 16, 3, true);
    const out = join(dir, 'models', 'no-dev');
    const refused = spawnSync('node', [CLI, 'train', '--data', corpus, '--out', out, '--epochs', '2', '--backend', 'cpu'], { encoding: 'utf8' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^seospam: no dev pages with spam blocks in .* --cv K .* --threshold T\n$/);
    expect(existsSync(out)).toBe(false);
    const named = spawnSync('node', [CLI, 'train', '--data', corpus, '--out', out, '--epochs', '2', '--backend', 'cpu', '--threshold', '0.7'], { encoding: 'utf8' });
    expect(named.status, named.stderr).toBe(0);
    const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8'));
    expect(meta.rollup.threshold).toBe(0.7);
    expect(meta.rollup.longBlocks).toBeUndefined();
  });

  it('SIGINT during training leaves the previous model folder untouched', async () => {
    const corpus = join(dir, 'corpus-long');
    writeTinyCorpus(corpus, 24, 2, true); // no dev spam: no early stopping, so training runs on
    const out = join(dir, 'models', 'keep');
    mkdirSync(out, { recursive: true });
    const files = { 'meta.json': '{"old": true}\n', 'model.json': '{}', 'weights.bin': 'old weights' };
    for (const [f, text] of Object.entries(files)) writeFileSync(join(out, f), text);
    const child = spawn('node', [CLI, 'train', '--data', corpus, '--out', out, '--epochs', '100000', '--backend', 'cpu', '--threshold', '0.5'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const code = await new Promise<number | null>((done) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (/epoch 2\//.test(stderr) && !child.killed) child.kill('SIGINT');
      });
      const guard = setTimeout(() => child.kill('SIGKILL'), 45_000); // never leave a training running
      child.on('close', (c) => {
        clearTimeout(guard);
        done(c);
      });
    });
    expect(stderr).toMatch(/interrupted/);
    expect(code).toBe(130);
    for (const [f, text] of Object.entries(files)) expect(readFileSync(join(out, f), 'utf8')).toBe(text);
    expect(readdirSync(join(dir, 'models')).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});
