/**
 * Nothing dropped silently by `seospam score`: every error result is a line
 * `seospam: FILE: reason` on stderr in every output format (and stays in the
 * structured output), entries of a folder that cannot be read are errors, a damaged
 * WARC record is an error, and an interrupted run says how far it got.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWarc, crawlRecords } from '../scale/warc-builder.js';
import { cliPath, examples, fixtures, hasModel, repoRoot, runCli } from './run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'seospam-lost-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const clean = path.join(examples, 'clean-article.html');
const news = path.join(examples, 'news-with-keyword-list.txt');

/** stderr lines that name a file: the error lines, not the summary. */
function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('seospam: ') && !/^seospam: (\d+ pages|interrupted)/.test(l));
}

describe.skipIf(!hasModel)('errors on stderr in every format', () => {
  const batch = path.join(dir, 'batch');
  mkdirSync(batch);
  copyFileSync(clean, path.join(batch, 'a-clean.html'));
  writeFileSync(path.join(batch, 'b-empty.html'), '');
  copyFileSync(path.join(fixtures, 'forum.txt'), path.join(batch, 'c-forum.txt'));
  const emptyLine = `seospam: ${path.join(batch, 'b-empty.html')}: empty file`;

  for (const format of ['text', 'json', 'jsonl', 'csv', 'html'] as const) {
    it(`--format ${format}: the error line on stderr, exit 2, the other pages scored`, () => {
      const out = path.join(dir, `out-${format}`);
      const args = ['score', batch, '--format', format, '--no-progress', ...(format === 'html' ? ['--out', out] : [])];
      const r = runCli(args);
      expect(r.code).toBe(2);
      expect(errorLines(r.stderr)).toEqual([emptyLine]);
      expect(r.stderr).toMatch(/3 pages, \d+ spam, 1 errors/);
      if (format === 'text') {
        // The listing holds the scored pages; the error is on stderr only, so `> out.txt` keeps it in sight.
        expect(r.stdout).toContain('a-clean.html');
        expect(r.stdout).toContain('c-forum.txt');
        expect(r.stdout).not.toContain('b-empty.html');
      } else if (format === 'json' || format === 'jsonl') {
        const pages = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; error?: string });
        expect(pages.map((p) => path.basename(p.file))).toEqual(['a-clean.html', 'b-empty.html', 'c-forum.txt']);
        expect(pages[1].error).toContain('empty file');
      } else if (format === 'csv') {
        const rows = r.stdout.trim().split('\n');
        expect(rows).toHaveLength(4);
        expect(rows[2]).toMatch(/b-empty\.html,.*empty file,$/); // then the truncated column, empty
      } else {
        expect(readFileSync(out, 'utf8')).toContain('b-empty.html');
      }
    });
  }

  it('--stdin-jsonl: each bad line named on stderr, its error result in the output', () => {
    const input = [JSON.stringify({ id: 'ok-1', text: '今天天气很好，我们去公园散步。' }), '{not json', JSON.stringify({ id: 'no-body' }), ''].join('\n');
    const r = runCli(['score', '--stdin-jsonl'], input);
    expect(r.code).toBe(2);
    const results = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id?: string; error?: string });
    expect(results).toHaveLength(3);
    expect(results[0].error).toBeUndefined();
    expect(errorLines(r.stderr)).toEqual([
      expect.stringMatching(/^seospam: stdin:2: line 2 is not JSON: /),
      expect.stringMatching(/^seospam: no-body: line 3: /),
    ]);
    expect(r.stderr).toContain('3 pages, 2 errors');
  });
});

describe.skipIf(!hasModel)('entries of a folder that cannot be read', () => {
  it('names dangling and looping symbolic links and non-files, exits 2 and scores the rest', () => {
    const folder = path.join(dir, 'links');
    mkdirSync(path.join(folder, 'sub'), { recursive: true });
    copyFileSync(clean, path.join(folder, 'a-page.html'));
    copyFileSync(news, path.join(folder, 'sub', 'news.txt'));
    symlinkSync(path.join(folder, 'gone.html'), path.join(folder, 'b-dangling.html'));
    symlinkSync(path.join(folder, 'c-loop-2'), path.join(folder, 'c-loop-1'));
    symlinkSync(path.join(folder, 'c-loop-1'), path.join(folder, 'c-loop-2'));
    symlinkSync(path.join(folder, 'a-page.html'), path.join(folder, 'd-link.html'));
    symlinkSync(folder, path.join(folder, 'e-back-to-top'));
    spawnSync('mkfifo', [path.join(folder, 'f-fifo')]);
    const r = runCli(['score', folder, '--format', 'jsonl', '--no-progress']);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([
      `seospam: ${path.join(folder, 'b-dangling.html')}: dangling symbolic link`,
      `seospam: ${path.join(folder, 'c-loop-1')}: cannot follow the symbolic link: too many levels of symbolic links`,
      `seospam: ${path.join(folder, 'c-loop-2')}: cannot follow the symbolic link: too many levels of symbolic links`,
      `seospam: ${path.join(folder, 'f-fifo')}: not a regular file`,
    ]);
    const scored = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; error?: string }).filter((p) => !p.error);
    // The folder linked back to the top is not walked twice.
    expect(scored.map((p) => path.relative(folder, p.file))).toEqual(['a-page.html', 'd-link.html', path.join('sub', 'news.txt')]);
  });

  it.skipIf(process.getuid?.() === 0)('names a sub-folder it may not read (not as root, who reads everything)', () => {
    const folder = path.join(dir, 'locked');
    mkdirSync(path.join(folder, 'private'), { recursive: true });
    copyFileSync(clean, path.join(folder, 'a-page.html'));
    spawnSync('chmod', ['000', path.join(folder, 'private')]);
    const r = runCli(['score', folder, '--format', 'jsonl', '--no-progress']);
    spawnSync('chmod', ['755', path.join(folder, 'private')]);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([`seospam: ${path.join(folder, 'private')}: cannot read the folder: permission denied`]);
  });
});

describe.skipIf(!hasModel)('a damaged WARC', () => {
  it('gives its cut last record an error line and result, and exits 2', async () => {
    const { bytes } = await buildWarc(crawlRecords().slice(0, 5), true);
    const file = path.join(dir, 'cut.warc.gz');
    writeFileSync(file, bytes.subarray(0, bytes.length - 120));
    const r = runCli(['score', file, '--format', 'jsonl']);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([expect.stringMatching(new RegExp(`^seospam: ${file.replace(/[.]/g, '\\.')}#6: damaged record: the file ends inside a gzip member`))]);
    const results = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; error?: string });
    expect(results.map((p) => p.error === undefined)).toEqual([true, true, false]);
    expect(results[2].file).toBe(`${file}#6`);
  });

  it('names a file that is not a WARC and still scores the other inputs', () => {
    const file = path.join(dir, 'page.warc');
    writeFileSync(file, '<html><body><p>not a crawl</p></body></html>');
    const r = runCli(['score', file, clean, '--format', 'jsonl']);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([expect.stringMatching(new RegExp(`^seospam: ${file.replace(/[.]/g, '\\.')}: not a readable WARC file`))]);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });
});

/** Starts `seospam score`, sends `signal` once `ready(stdout, stderr)` holds, and collects what it printed. */
function interrupted(args: string[], signal: NodeJS.Signals, ready: (stdout: string, stderr: string) => boolean, input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const check = (): void => {
      if (!sent && ready(stdout, stderr)) {
        sent = true;
        child.kill(signal);
      }
    };
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      check();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      check();
    });
    // With input, stdin stays open after it, as under a producer that has more to send.
    if (input !== undefined) child.stdin.write(input);
    else child.stdin.end();
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!hasModel)('an interrupted run', () => {
  const many = path.join(dir, 'many');
  mkdirSync(many);
  const N = 300;
  for (let i = 0; i < N; i++) copyFileSync(i % 2 ? clean : news, path.join(many, `p${String(i).padStart(3, '0')}${i % 2 ? '.html' : '.txt'}`));

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal}: says how many pages of how many it finished, keeps their output whole, exits 130`, async () => {
      const r = await interrupted(['score', many, '--format', 'jsonl', '--workers', '1', '--no-progress'], signal, (out) => out.split('\n').length > 5);
      expect(r.code).toBe(130);
      const m = /^seospam: interrupted after (\d+) of 300 pages \(\d+ spam, 0 errors\); the output holds those$/m.exec(r.stderr);
      expect(m, r.stderr).not.toBeNull();
      const done = Number(m![1]);
      expect(done).toBeGreaterThanOrEqual(5);
      expect(done).toBeLessThan(N);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(done);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    });
  }

  it('--format json writes the pages it had before stopping', async () => {
    // JSON is written at the end; the empty first page's error line on stderr says the run is under way.
    const folder = path.join(dir, 'many-json');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'a-empty.html'), '');
    for (let i = 0; i < N; i++) copyFileSync(news, path.join(folder, `p${String(i).padStart(3, '0')}.txt`));
    const r = await interrupted(['score', folder, '--format', 'json', '--workers', '1', '--no-progress'], 'SIGINT', (_, err) => err.includes('empty file'));
    expect(r.code).toBe(130);
    const m = /^seospam: interrupted after (\d+) of 301 pages \(\d+ spam, 1 errors\); the output holds those$/m.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const done = Number(m![1]);
    // One page is printed as one indented object, more as one object a line.
    const pages = (done === 1 ? [JSON.parse(r.stdout)] : r.stdout.trim().split('\n').map((l) => JSON.parse(l))) as Array<{ file: string; error?: string }>;
    expect(pages).toHaveLength(done);
    expect(pages[0].error).toContain('empty file');
  });

  it('--stdin-jsonl: stops waiting for input, says how many pages it wrote, exits 130', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ id: `s${i}`, text: i % 2 ? '成都装修公司 南宁装修公司 长沙装修公司 合肥装修公司' : 'A quiet morning walk by the river.' }));
    const r = await interrupted(['score', '--stdin-jsonl'], 'SIGINT', (out) => out.split('\n').length > 20, lines.join('\n') + '\n');
    expect(r.code).toBe(130);
    const m = /^seospam: interrupted after (\d+) pages \(0 errors\); the output holds those$/m.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    expect(Number(m![1])).toBe(20);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(20);
  });
});
