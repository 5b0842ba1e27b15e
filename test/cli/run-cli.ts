/** Runs the built CLI (dist/, made by `pretest`) and captures what it prints. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cliPath = path.join(repoRoot, 'dist/cli/main.js');
export const fixtures = path.join(repoRoot, 'test/fixtures/cli');
export const examples = path.join(repoRoot, 'data/examples');
export const hasModel = existsSync(path.join(repoRoot, 'models/default/meta.json'));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

export function runCli(args: string[], input?: string | Buffer): CliRun {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: repoRoot,
    input,
    maxBuffer: 1 << 26,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { code: r.status ?? -1, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), stdoutBytes: r.stdout };
}
