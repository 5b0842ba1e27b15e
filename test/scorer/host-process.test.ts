/**
 * The library leaves the host process as it found it: loadScorer() (any backend)
 * installs no process-wide error handlers, so an exception of the host's own ends
 * the host as it would without seospam. Runs host scripts in child processes, on the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasModel, repoRoot } from '../cli/run-cli.js';

const api = path.join(repoRoot, 'dist/scorer/index.js');
const hasBuild = existsSync(api);
if (!hasBuild) console.warn('test/scorer/host-process: no build in dist/ (run npx tsc -p .); skipped');

/** A host application: loads a scorer, reports its process handlers, then fails in its own code. */
function host(backend: string, failure: 'throw' | 'reject'): { code: number | null; stdout: string; stderr: string } {
  const script = `
const events = ['uncaughtException', 'unhandledRejection'];
const count = () => events.map((e) => process.listeners(e).length).join(',');
const before = count();
const { loadScorer } = await import(${JSON.stringify(pathToFileURL(api).href)});
const scorer = await loadScorer({ backend: ${JSON.stringify(backend)} });
console.log(JSON.stringify({ before, after: count(), backend: scorer.info.backend }));
function hostOwnFailure() { throw new Error('the host application failed'); }
${failure === 'throw' ? 'setTimeout(hostOwnFailure, 10);' : 'Promise.resolve().then(hostOwnFailure);'}
`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!hasModel || !hasBuild)('the host process after loadScorer()', () => {
  for (const backend of ['wasm', 'cpu']) {
    for (const failure of ['throw', 'reject'] as const) {
      it(`${backend} backend: no handlers left behind; the host's own ${failure === 'throw' ? 'exception' : 'rejection'} exits 1 with its own stack`, () => {
        const r = host(backend, failure);
        const report = JSON.parse(r.stdout.trim().split('\n')[0]) as { before: string; after: string; backend: string };
        expect(report.backend).toBe(backend);
        expect(report.after).toBe(report.before);
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr).toContain('Error: the host application failed');
        expect(r.stderr).toMatch(/at (Timeout\.)?hostOwnFailure /);
        expect(r.stderr).not.toContain('tf-backend-wasm');
      });
    }
  }
});
