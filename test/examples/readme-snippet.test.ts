/**
 * The library example in README.md ("## The library, for crawlers") runs as
 * written: extracted verbatim, saved as .mjs, run with node against pages
 * served on 127.0.0.1, its output checked against the scorer's own results.
 *
 * As written, the snippet loads the shipped models/default through
 * `import 'seospam'`. When SEOSPAM_TEST_MODEL is set, the snippet runs instead
 * inside a throwaway copy of the package layout under test-output/examples/
 * (package.json with the real `exports`, dist and data linked, models/default
 * linked to that model), so the snippet's text still runs unchanged.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScorer } from '../../src/scorer/index.js';
import { hasModel, modelDir, outputDir, root, routes, serveSite, type Site } from './site.js';

const run = promisify(execFile);
const HEADING = '## The library, for crawlers';

/** The first ```ts block after the heading, before the next heading of the same or higher level. */
function readmeSnippet(readme: string): string {
  const lines = readme.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === HEADING);
  if (start < 0) throw new Error(`README.md has no "${HEADING}" heading`);
  let open = -1;
  for (let i = start + 1; i < lines.length; i++) {
    if (open < 0 && /^#{1,2}\s/.test(lines[i])) break;
    if (open < 0 && /^```ts\s*$/.test(lines[i])) open = i;
    else if (open >= 0 && /^```\s*$/.test(lines[i])) return lines.slice(open + 1, i).join('\n') + '\n';
  }
  throw new Error(`README.md has no closed \`\`\`ts block under "${HEADING}"`);
}

/** Where to run the snippet so that `import 'seospam'` + `loadScorer()` find the model under test. */
function snippetHome(): { dir: string; nodeArgs: string[] } {
  const dir = path.join(outputDir, 'readme');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (!process.env.SEOSPAM_TEST_MODEL) {
    // Inside the package: 'seospam' resolves to itself, loadScorer() to models/default.
    return { dir, nodeArgs: [] };
  }
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const home = path.join(dir, 'seospam');
  mkdirSync(path.join(home, 'models'), { recursive: true });
  writeFileSync(
    path.join(home, 'package.json'),
    JSON.stringify({ name: pkg.name, type: pkg.type, exports: pkg.exports }, null, 2),
  );
  symlinkSync(path.join(root, 'dist'), path.join(home, 'dist'), 'dir');
  symlinkSync(path.join(root, 'data'), path.join(home, 'data'), 'dir');
  symlinkSync(modelDir, path.join(home, 'models/default'), 'dir');
  // Keep the linked paths so that dist's ../../models/default is this folder's.
  return { dir: home, nodeArgs: ['--preserve-symlinks', '--preserve-symlinks-main'] };
}

describe('README library example', () => {
  it(`is a \`\`\`ts block under "${HEADING}" in README.md`, () => {
    const snippet = readmeSnippet(readFileSync(path.join(root, 'README.md'), 'utf8'));
    expect(snippet).toMatch(/from 'seospam'/);
    expect(snippet).toMatch(/loadScorer\(/);
  });
});

describe.skipIf(!hasModel)('README library example, run with node', () => {
  let site: Site;
  let stdout: string;
  let stderr: string;
  const pages = ['/', '/en/faucet.html', '/zh/trees.html', '/zh/library.html'];

  beforeAll(async () => {
    const snippet = readmeSnippet(readFileSync(path.join(root, 'README.md'), 'utf8'));
    const { dir, nodeArgs } = snippetHome();
    const file = path.join(dir, 'readme-snippet.mjs');
    writeFileSync(file, snippet);
    site = await serveSite();
    ({ stdout, stderr } = await run(process.execPath, [...nodeArgs, file, ...pages.map((p) => site.base + p)], {
      cwd: dir,
    }));
  });

  afterAll(async () => {
    await site?.close();
  });

  it('prints one line per URL: SPAM for the spam page, clean for the others, with the kept block count', async () => {
    const scorer = await loadScorer({ model: modelDir });
    const expected = pages.map((p) => {
      const route = routes[p];
      const body = readFileSync(path.join(root, 'test/fixtures/examples/site', route.file!));
      const result = scorer.scoreHtml(new Uint8Array(body), { url: site.base + p, contentType: route.contentType });
      const kept = result.blocks.filter((b) => !b.spam).length;
      return `${site.base}${p} ${result.spam ? 'SPAM' : 'clean'} ${kept} clean blocks kept`;
    });
    expect(stdout.trimEnd().split('\n')).toEqual(expected);
    expect(stdout).toContain(`${site.base}/zh/trees.html SPAM `);
    for (const p of ['/', '/en/faucet.html', '/zh/library.html']) expect(stdout).toContain(`${site.base}${p} clean `);
    expect(stderr).toBe('');
  });

  it('fetched each URL once', () => {
    expect(site.requests).toEqual(pages);
  });
});
