#!/usr/bin/env node
/**
 * Rewrites the output shown in README.md with what the commands print now: each
 * ```console block's `$ command` output, and the ```text block after a ```ts block.
 * Run it after retraining the model or changing what `score` prints:
 *
 *   npx tsc -p . && node scripts/readme-output.mjs           # rewrite README.md
 *   node scripts/readme-output.mjs --check                   # list stale blocks, exit 1 if any
 *
 * Commands that need ../shared are not run here (their blocks show no output).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { consoleSteps, needsShared, readmeBlocks, root, runCommand, runSnippet, shown } from './readme-blocks.mjs';

const check = process.argv.includes('--check');
const file = path.join(root, 'README.md');
const text = readFileSync(file, 'utf8');
const lines = text.split('\n');
const scratch = path.join(root, 'test-output/readme/tmp');
rmSync(scratch, { recursive: true, force: true });

const blocks = readmeBlocks(text);
/** Replacements of block bodies, by opening fence line. */
const bodies = new Map();
let stale = 0;
blocks.forEach((b, k) => {
  let body = null;
  if (b.lang === 'console') {
    const out = [];
    for (const step of consoleSteps(b.code)) {
      if (needsShared(step.command)) throw new Error(`a console block runs a command that needs ../shared: ${step.command}`);
      const r = runCommand(step.command, scratch);
      if (r.status === null || r.status > 1) throw new Error(`${step.command}: exit ${r.status}\n${r.stderr}`);
      out.push(`$ ${step.command}`, ...(shown(r.stdout) ? [shown(r.stdout)] : []));
    }
    body = out.join('\n');
  } else if (b.lang === 'text' && blocks[k - 1]?.lang === 'ts') {
    const r = runSnippet(blocks[k - 1].code, scratch);
    if (r.status !== 0) throw new Error(`the ts block above README.md:${b.open + 1} failed: exit ${r.status}\n${r.stderr}`);
    body = shown(r.stdout);
  }
  if (body === null || body === b.code) return;
  stale++;
  console.log(`${check ? 'stale' : 'rewrote'}: README.md:${b.open + 1} (${b.lang} under "${b.heading}")`);
  bodies.set(b.open, { close: b.close, body });
});

if (check) {
  process.exitCode = stale ? 1 : 0;
  console.log(stale ? 'run `npm run readme:output` to rewrite them' : 'README.md output is up to date');
} else if (stale) {
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    const r = bodies.get(i);
    if (!r) continue;
    out.push(r.body);
    i = r.close - 1;
  }
  writeFileSync(file, out.join('\n'));
} else {
  console.log('README.md output is up to date');
}
