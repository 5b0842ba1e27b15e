import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerReport } from '../../src/cli/commands/report.js';
import { FIXTURES } from './load-fixtures.js';

const MODEL = process.env.SEOSPAM_MODEL ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../models/default');

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'seospam-report-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

/** Runs `seospam report ARGS` in-process; returns stderr lines and the exit code it set. */
async function run(args: string[]): Promise<{ stderr: string[]; code: number | undefined }> {
  const stderr: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
  const program = new Command().exitOverride();
  registerReport(program);
  await program.parseAsync(['node', 'seospam', 'report', ...args]);
  const code = typeof process.exitCode === 'number' ? process.exitCode : undefined;
  return { stderr: stderr.join('').split('\n').filter(Boolean), code };
}

describe('seospam report', () => {
  it('writes a report from the fixture batch, using the scorer-info line', async () => {
    const out = path.join(dir, 'batch.html');
    const { stderr, code } = await run([path.join(FIXTURES, 'batch.jsonl'), '--out', out]);
    expect(code).toBe(0);
    expect(stderr).toEqual([`${out}: 6 pages, 4 spam, 1 error`]);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('"model":"seospam-blocks"');
    expect(html).toContain('news/2024-03-shenzhen-metro.html');
    await expect(stat(`${out}.tmp`)).rejects.toThrow();
  });

  it('reports bad lines as one-line errors, skips them, and exits 2', async () => {
    const input = path.join(FIXTURES, 'bad-lines.jsonl');
    const out = path.join(dir, 'bad.html');
    const { stderr, code } = await run([input, '--out', out, '--threshold', '0.5']);
    expect(code).toBe(2);
    expect(stderr).toHaveLength(4);
    expect(stderr[0]).toMatch(new RegExp(`^seospam: .*bad-lines\\.jsonl:2: not JSON`));
    expect(stderr[1]).toBe(`seospam: ${input}:4: not a page result: score is not a number`);
    expect(stderr[3]).toBe(`${out}: 2 pages, 1 spam, 0 errors; 3 bad lines skipped; model and threshold from ${path.relative(process.cwd(), MODEL)}`);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('pages/zh/forum-post.txt');
    expect(html).not.toContain('score-as-text');
    expect(html).toContain('"threshold":0.5');
  });

  it('names the model folder and its threshold when the results do not (score --format jsonl writes pages only)', async () => {
    const lines = (await readFile(path.join(FIXTURES, 'batch.jsonl'), 'utf8')).split('\n');
    expect(lines[0]).toContain('"threshold"'); // the scorer-info line, left out below
    const input = path.join(dir, 'pages-only.jsonl');
    await writeFile(input, lines.slice(1).join('\n'));
    const meta = JSON.parse(await readFile(path.join(MODEL, 'meta.json'), 'utf8')) as { name: string; rollup: { threshold: number } };
    for (const [args, from] of [
      [[], path.relative(process.cwd(), MODEL)],
      [['--model', MODEL], MODEL],
    ] as const) {
      const out = path.join(dir, `pages-only-${args.length}.html`);
      const { stderr, code } = await run([input, '--out', out, ...args]);
      expect(code).toBe(0);
      expect(stderr).toEqual([`${out}: 6 pages, 4 spam, 1 error; model and threshold from ${from}`]);
      const html = await readFile(out, 'utf8');
      expect(html).toContain(`"model":"${meta.name}"`);
      expect(meta.rollup.threshold).toBeGreaterThan(0.5);
      expect(html).toContain('"threshold":0.5'); // the verdict line of the shown scores, whatever the model's own threshold
    }
  });

  it('fails with a typed error on a missing input, leaving no file', async () => {
    const out = path.join(dir, 'missing.html');
    await expect(run([path.join(dir, 'nope.jsonl'), '--out', out])).rejects.toThrow(/nope\.jsonl: no such file/);
    await expect(stat(out)).rejects.toThrow();
  });

  it('rejects a threshold outside [0, 1]', async () => {
    await expect(run([path.join(FIXTURES, 'batch.jsonl'), '--out', path.join(dir, 't.html'), '--threshold', '7'])).rejects.toThrow(
      /--threshold must be a number in \[0, 1\]/,
    );
  });
});
