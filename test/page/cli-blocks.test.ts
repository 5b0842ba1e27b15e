import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerBlocks } from '../../src/cli/commands/blocks.js';
import type { Page } from '../../src/page/types.js';
import { repoRoot } from './helpers/pages.js';

const fx = (name: string) => path.join(repoRoot, 'test/fixtures/page', name);

async function run(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerBlocks(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'seospam', 'blocks', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('seospam blocks', () => {
  it('prints a table with one row per block', async () => {
    const out = await run([fx('zh-news-spam.html')]);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/zh-news-spam\.html: html, utf-8 \(meta\), \d+ bytes, 13 blocks$/);
    expect(lines.filter((l) => /^\s+\d+ /.test(l))).toHaveLength(13);
    // Blocks are numbered from 1 (the ninth block is the hidden one; its JSON index is 8).
    expect(out).toMatch(/\n\s+9 div\s+\d+\s+2\s+2 display:none\s+在线娱乐平台 真人游戏\n/);
  });

  it('prints JSON with page fields and blocks, honouring --kind, --url and --max-blocks', async () => {
    const page = JSON.parse(await run([fx('zh-article.txt'), '--format', 'json', '--max-blocks', '3'])) as Page;
    expect(page).toMatchObject({ kind: 'text', title: '市图书馆延长周末开放时间-某某网络', truncated: ['blocks'] });
    expect(page.blocks).toHaveLength(3);
    const html = JSON.parse(await run([fx('zh-news-spam.html'), '--format', 'json', '--kind', 'text', '--url', 'http://x.example/'])) as Page;
    expect(html).toMatchObject({ kind: 'text', url: 'http://x.example/' });
  });

  it('throws InputError for unreadable input and UsageError for bad flags', async () => {
    await expect(run([fx('missing.html')])).rejects.toMatchObject({ name: 'InputError', reason: 'no such file' });
    await expect(run([fx('zh-article.txt'), '--format', 'xml'])).rejects.toMatchObject({ name: 'UsageError' });
    await expect(run([fx('zh-article.txt'), '--max-depth', '-3'])).rejects.toMatchObject({ name: 'UsageError' });
  });
});
