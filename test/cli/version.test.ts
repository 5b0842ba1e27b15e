import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli.js';

it('--version names the version and the backend: wasm or cpu here, where tfjs-node is not installed', () => {
  const r = runCli(['--version']);
  expect(r.code).toBe(0);
  const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const [first, second] = r.stdout.trim().split('\n');
  expect(first).toBe(`seospam ${version}`);
  expect(second).toMatch(/^tfjs backend: (wasm|cpu) \(@tensorflow\/tfjs-node not available\)$/);
});
