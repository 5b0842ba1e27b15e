/**
 * Every code block of README.md runs as written.
 *
 * - The crawler example ("## Crawler authors: the library", the first ```ts block) is
 *   extracted verbatim, saved as .mjs, run with node against pages served on 127.0.0.1,
 *   and its output checked against the scorer's own results. As written, it loads the
 *   shipped models/default through `import 'seospam'`. When SEOSPAM_TEST_MODEL is set, it
 *   runs instead inside a throwaway copy of the package layout under test-output/examples/
 *   (package.json with the real `exports`, dist and data linked, models/default linked to
 *   that model), so the snippet's text still runs unchanged.
 * - ```sh blocks: each command runs with bash in the package folder on the built CLI
 *   (scripts/readme-blocks.mjs says how); files it writes under /tmp/ go to a scratch folder.
 *   Commands that need ../shared run only with SEOSPAM_README_SHARED=1 (they train a model:
 *   minutes) and skip, saying so, without it or without ../shared.
 * - ```console blocks and the ```text block after a ```ts block: the output shown is what the
 *   command prints, page verdict lines first, then exactly. After retraining the model or
 *   changing what a command prints, `npm run readme:output` rewrites them.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScorer } from '../../src/scorer/index.js';
import { hasModel, modelDir, outputDir, root, routes, serveSite, type Site } from './site.js';
// @ts-expect-error: a plain .mjs module shared with scripts/readme-output.mjs
import { consoleSteps, needsShared, readmeBlocks, runCommand, runSnippet, shellCommands, shown } from '../../scripts/readme-blocks.mjs';

const run = promisify(execFile);
const HEADING = '## Crawler authors: the library';

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

interface Block {
  lang: string;
  code: string;
  heading: string;
  open: number;
}

const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const blocks = readmeBlocks(readme) as Block[];
const built = existsSync(path.join(root, 'dist/cli/main.js'));
const shipped = existsSync(path.join(root, 'models/default/meta.json'));
const shared = existsSync(path.join(root, '../shared/corpus/labels.jsonl'));
const runShared = shared && process.env.SEOSPAM_README_SHARED === '1';
const scratch = path.join(outputDir, 'readme-tmp');
const REGENERATE = 'README output is stale: run `npm run readme:output` (after `npx tsc -p .`) to rewrite it, and read the diff';

/** Page verdict lines (not indented), numbers masked: what must hold whatever the model's scores. */
function verdictLines(output: string): string[] {
  return output
    .split('\n')
    .filter((l) => l && !/^\s/.test(l))
    .map((l) => l.replace(/\d+(\.\d+)?/g, 'N'));
}

/** Files a command writes: `--out FILE` and `> FILE`. */
function written(command: string): string[] {
  return [...command.matchAll(/(?:--out\s+|>\s*)(\S+)/g)].map((m) => m[1].replace(/^\/tmp\//, `${scratch}/`));
}

describe('README fresh-machine commands', () => {
  const first = blocks.find((b) => b.lang === 'sh')!;

  it('are the first code block: install and score an example, then the tests', () => {
    expect(blocks[0]).toBe(first);
    expect(shellCommands(first.code)).toEqual(['npm install && npx seospam score data/examples/blog-with-hidden-links.html', 'npm test']);
  });

  it.skip('npm install: not run by the tests (node_modules is there already, and it would reach the registry)', () => {});
  it.skip('npm test: the test suite itself', () => {});

  it.skipIf(!built || !shipped)('npx seospam score data/examples/blog-with-hidden-links.html finds the spam and prints what the README shows', () => {
    const r = runCommand('npx seospam score data/examples/blog-with-hidden-links.html', scratch);
    expect(r.status, r.stderr).toBe(1);
    const shownThere = blocks
      .filter((b) => b.lang === 'console')
      .flatMap((b) => consoleSteps(b.code) as Array<{ command: string; output: string }>)
      .find((s) => s.command === 'npx seospam score data/examples/blog-with-hidden-links.html');
    expect(shownThere, 'a console block shows this command with its output').toBeDefined();
    expect(shown(r.stdout), REGENERATE).toBe(shownThere!.output);
  });
});

describe('README shell blocks', () => {
  const sh = blocks.filter((b, k) => b.lang === 'sh' && k > 0);

  it('are there: the moderator\'s and the trainer\'s', () => {
    expect(sh.map((b) => b.heading)).toEqual(expect.arrayContaining([expect.stringMatching(/^Moderators/), expect.stringMatching(/^Trainers/)]));
  });

  for (const block of sh) {
    const commands = shellCommands(block.code) as string[];
    const needs = commands.some((c) => needsShared(c));
    const why = needs
      ? shared
        ? 'needs SEOSPAM_README_SHARED=1: it trains a model on ../shared, minutes'
        : 'needs ../shared (the labeled corpus beside this checkout), absent'
      : 'needs the built CLI (npx tsc -p .) and models/default';
    describe.skipIf(needs ? !runShared || !built : !built || !shipped)(`under "${block.heading}" (README.md:${block.open + 1})${needs && !runShared ? `: skipped, ${why}` : ''}`, () => {
      beforeAll(() => {
        rmSync(scratch, { recursive: true, force: true });
        mkdirSync(scratch, { recursive: true });
      });
      for (const command of commands) {
        it(command, () => {
          const r = runCommand(command, scratch);
          // Like grep, `score` exits 1 when it found spam; 2 is an error.
          const ok = /\bseospam score\b/.test(command) ? [0, 1] : [0];
          expect(ok, `exit ${r.status}\n${r.stderr}`).toContain(r.status);
          for (const file of written(command)) expect(statSync(file).size, `${file} written`).toBeGreaterThan(0);
        }, needs ? 3_600_000 : 60_000);
      }
    });
  }
});

describe.skipIf(!built || !shipped)('README console blocks', () => {
  const steps = blocks
    .filter((b) => b.lang === 'console')
    .flatMap((b) => (consoleSteps(b.code) as Array<{ command: string; output: string }>).map((s) => ({ ...s, block: b })));

  it('show commands that run offline on the examples', () => {
    expect(steps.length).toBeGreaterThan(0);
    for (const s of steps) expect(needsShared(s.command), s.command).toBe(false);
  });

  for (const step of steps) {
    describe(`$ ${step.command} (README.md:${step.block.open + 1})`, () => {
      let r: { stdout: string; stderr: string; status: number | null };
      beforeAll(() => {
        r = runCommand(step.command, scratch);
      });
      it('runs', () => {
        expect([0, 1], r.stderr).toContain(r.status);
      });
      it('prints the page verdict lines shown', () => {
        expect(verdictLines(r.stdout), REGENERATE).toEqual(verdictLines(step.output));
      });
      it('prints exactly the output shown', () => {
        expect(shown(r.stdout), REGENERATE).toBe(step.output);
      });
    });
  }
});

describe.skipIf(!built || !shipped)('README library examples with their output', () => {
  const pairs = blocks.flatMap((b, k) => (b.lang === 'text' && blocks[k - 1]?.lang === 'ts' ? [{ code: blocks[k - 1].code, output: b.code, at: b.open }] : []));

  it('include the worker pool, awaited', () => {
    const pool = pairs.find((p) => p.code.includes('createPool'));
    expect(pool?.code).toMatch(/await createPool\(/);
    expect(pool?.code).toMatch(/await pool\.close\(\)/);
  });

  for (const pair of pairs) {
    describe(`the ts block above README.md:${pair.at + 1}`, () => {
      let r: { stdout: string; stderr: string; status: number | null };
      beforeAll(() => {
        r = runSnippet(pair.code, scratch);
      });
      it('runs with node, importing seospam', () => {
        expect(r.status, r.stderr).toBe(0);
      });
      it('prints the verdicts shown', () => {
        expect(verdictLines(r.stdout), REGENERATE).toEqual(verdictLines(pair.output));
        // The pool flags the spam example as the library does on the main thread.
        expect(r.stdout).toMatch(/blog-with-hidden-links\.html SPAM/);
      });
      it('prints exactly the output shown', () => {
        expect(shown(r.stdout), REGENERATE).toBe(pair.output);
      });
    });
  }
});

describe('README links', () => {
  it('point at files that exist (docs, pictures, examples)', () => {
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
    expect(links).toEqual(expect.arrayContaining(['docs/report-seed.png', 'docs/history.md', 'docs/cli.md', 'docs/training.md', 'docs/library.md']));
    for (const l of links) expect(existsSync(path.join(root, l)), l).toBe(true);
  });
});
