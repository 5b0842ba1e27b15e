/**
 * The README's code blocks, read and run as written: shared by its test
 * (test/examples/readme-snippet.test.ts) and by scripts/readme-output.mjs, which
 * rewrites the shown output after the model or the output format changed.
 *
 * Conventions of README.md:
 *  - ```sh blocks: one command a line (`# …` comments allowed); run with bash in the
 *    package folder. `npx seospam` and `seospam` run the built CLI (dist/cli/main.js);
 *    paths under /tmp/ go to a scratch folder instead.
 *  - ```console blocks: `$ command` lines, each followed by what it prints on stdout.
 *  - ```ts blocks: run as .mjs with node in the package folder (`import 'seospam'`
 *    resolves to the package itself); a ```text block right after one is its output.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The environment without SEOSPAM_MODEL: the README shows what the shipped model prints (the tests pin another). */
function shippedModelEnv() {
  const { SEOSPAM_MODEL: _, ...env } = process.env;
  return env;
}

export const root = path.resolve(import.meta.dirname, '..');
export const cli = path.join(root, 'dist/cli/main.js');

/**
 * Fenced code blocks in order: language, code, the heading above them, and the
 * line indexes of the opening and closing fences.
 */
export function readmeBlocks(text) {
  const lines = text.split('\n');
  const blocks = [];
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    if (/^#{1,6}\s/.test(lines[i])) heading = lines[i].replace(/^#+\s*/, '');
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    if (end >= lines.length) throw new Error(`README.md:${i + 1}: code block not closed`);
    blocks.push({ lang: open[1], code: lines.slice(i + 1, end).join('\n'), heading, open: i, close: end });
    i = end;
  }
  return blocks;
}

/** The commands of a ```sh block: its lines without comments, blank ones left out. */
export function shellCommands(code) {
  return code
    .split('\n')
    .map((l) => l.replace(/\s+#\s.*$/, '').replace(/^#.*$/, '').trim())
    .filter(Boolean);
}

/** The `$ command` lines of a ```console block, each with the output shown under it. */
export function consoleSteps(code) {
  const steps = [];
  for (const line of code.split('\n')) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), output: [] });
    else if (steps.length) steps[steps.length - 1].output.push(line);
    else throw new Error(`console block starts with output, not a $ command: ${line}`);
  }
  return steps.map((s) => ({ command: s.command, output: s.output.join('\n') }));
}

/** Whether a command reads the shared corpus (../shared), which a fresh checkout may lack. */
export function needsShared(command) {
  return command.includes('../shared') || /\bseospam (synth|train|eval)\b/.test(command);
}

/** The command as bash runs it here: the built CLI for `seospam`, the scratch folder for /tmp/. */
export function localCommand(command, scratch) {
  return command
    .replace(/(^|&&\s*|\|\s*|;\s*)(?:npx\s+)?seospam\b/g, (_, before) => `${before}node ${JSON.stringify(cli)}`)
    .replace(/(^|[\s=])\/tmp\//g, (_, before) => `${before}${scratch}/`);
}

/** Runs one command in the package folder; stdout, stderr and the exit status. */
export function runCommand(command, scratch) {
  mkdirSync(scratch, { recursive: true });
  const r = spawnSync('bash', ['-c', localCommand(command, scratch)], {
    cwd: root,
    encoding: 'utf8',
    env: { ...shippedModelEnv(), NO_COLOR: '1', FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** Runs a ```ts block as an .mjs file inside the package (so `import 'seospam'` is this package), from the package folder. */
export function runSnippet(code, scratch, args = []) {
  const dir = path.join(root, 'test-output/readme');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `snippet-${process.pid}-${Date.now()}.mjs`);
  writeFileSync(file, code.endsWith('\n') ? code : code + '\n');
  const r = spawnSync(process.execPath, [file, ...args], { cwd: root, encoding: 'utf8', env: { ...shippedModelEnv(), NO_COLOR: '1' } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** Output as a README block shows it: no trailing blank lines. */
export function shown(stdout) {
  return stdout.replace(/\s+$/, '');
}
