/**
 * Two worker processes on one queue; one is killed with SIGKILL mid-run. Every
 * page must still be scored, and appear exactly once in the results.
 * Runs on the build (npm test builds first): the real CLI when a model is
 * shipped in models/default (or SEOSPAM_TEST_MODEL=DIR), else a worker child
 * with a link-counting scorer.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_JOB, pageJobOptions, PageQueue } from '../../src/scale/queue.js';
import { closeRedis, connectRedis } from '../../src/scale/redis.js';
import { ResultStore } from '../../src/scale/result-store.js';
import { startWorker } from '../../src/scale/worker.js';
import { LinkScorer } from './link-scorer.js';
import { hasRedisServer, startRedisServer, type RedisServer } from './redis-server.js';
import { fixture } from './warc-builder.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/cli/main.js');
const hasBuild = existsSync(join(root, 'dist/scale/worker.js')) && existsSync(cli);
const modelDir = process.env.SEOSPAM_TEST_MODEL ?? join(root, 'models/default');
const realCli = hasBuild && existsSync(join(modelDir, 'meta.json'));
if (!hasBuild) console.warn('test/scale/cluster: no build in dist/ (run npx tsc -p .); skipped');

const N = 150;
const LOCK_MS = 1500;
let redis: RedisServer;
const dir = mkdtempSync(join(tmpdir(), 'seospam-cluster-'));
const children: ChildProcess[] = [];

beforeAll(async () => {
  if (hasRedisServer && hasBuild) redis = await startRedisServer();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function startWorkerProcess(queue: string, out: string, useCli = realCli): { proc: ChildProcess; stderr: () => string; exited: Promise<number | null> } {
  const args = useCli
    ? [cli, 'worker', '--redis', redis.url, '--queue', queue, '--concurrency', '2', '--out', out, '--lock-duration', String(LOCK_MS), '--stalled-interval', '500', '--model', modelDir]
    : [join(root, 'test/fixtures/scale/link-worker.mjs'), redis.url, queue, out, String(LOCK_MS)];
  const proc = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(proc);
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, stderr: () => err, exited };
}

const ready = (w: { stderr: () => string }): boolean => w.stderr().includes('scoring queue');

/** Waits (up to 40 s) for a condition. */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 40_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(10);
  }
}

/** Three kinds of page: a long English and Chinese HTML page (slow enough to be caught mid-run), GBK bytes, plain text. */
function pageKinds(): Array<Record<string, string>> {
  const recipe = fixture('en-recipe.html').toString('utf8');
  const body = recipe.slice(recipe.indexOf('<body>') + 6, recipe.indexOf('</body>'));
  const zh = '<p>三月底把番茄种子播在育苗盘里，保持土壤湿润，大约一周就能出芽。幼苗长出四片真叶后再移栽到大盆。</p>';
  const long = `<html><body>${Array.from({ length: 40 }, (_, i) => `<div id="s${i}">${body}${zh}</div>`).join('')}</body></html>`;
  return [
    { html: long },
    { contentType: 'text/html; charset=gbk', base64: fixture('zh-garden-linkfarm.gbk.html').toString('base64') },
    { text: fixture('en-notes.txt').toString('utf8') },
  ];
}

describe.skipIf(!hasRedisServer || !hasBuild)('a cluster of worker processes', () => {
  it('loses and duplicates nothing when a worker is killed mid-run', async () => {
    const out = join(dir, 'results.jsonl');
    // A starts first, so A holds the --out lease when killed and B must take the file over.
    const a = startWorkerProcess('kill', out);
    await until(() => ready(a));
    const b = startWorkerProcess('kill', out);
    await until(() => ready(b));

    // N pages, Chinese and English, as JSON Lines, enqueued with the CLI once both workers wait.
    const ids = Array.from({ length: N }, (_, i) => `page-${i}`);
    const input = join(dir, 'pages.jsonl');
    writeFileSync(input, ids.map((id, i) => JSON.stringify({ id, url: `http://site.example/${i}`, ...pageKinds()[i % 3] })).join('\n') + '\n');
    const enq = spawnSync(process.execPath, [cli, 'enqueue', '--redis', redis.url, '--queue', 'kill', input], { cwd: root, encoding: 'utf8' });
    expect(enq.stderr).toContain(`${N} pages to queue kill`);
    expect(enq.status).toBe(0);

    // Kill A once more jobs are in hand than B alone can hold (2): A holds one.
    const client = await connectRedis(redis.url);
    const store = new ResultStore(client, 'kill');
    const queue = new Queue('kill', { connection: client });
    let atKill = 0;
    try {
      await until(async () => (await queue.getJobCounts('active')).active >= 3);
      atKill = await store.count();
      a.proc.kill('SIGKILL');
      await a.exited;
      // B scores the rest, the killed worker's jobs included once their locks lapse.
      await until(async () => (await store.count()) >= N);
    } finally {
      await queue.close();
    }
    b.proc.kill('SIGTERM');
    expect(await b.exited, b.stderr()).toBe(0);
    expect(atKill).toBeLessThan(N);
    expect(b.stderr()).toMatch(/stalled/);
    expect(a.stderr()).toMatch(/this worker writes the results now \(0 already in the file\)/);
    expect(b.stderr()).toMatch(/this worker writes the results now \(\d+ already in the file\)/);

    const stream = (await store.readAfter('0-0', 10 * N)).map((e) => (JSON.parse(e.json) as { id: string }).id);
    await closeRedis(client);
    expect(stream.length).toBe(N);
    expect(new Set(stream)).toEqual(new Set(ids));

    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const fileIds = lines.map((l) => (JSON.parse(l) as { id: string; error?: string }).id);
    expect(fileIds.length).toBe(N);
    expect(new Set(fileIds)).toEqual(new Set(ids));
    expect(lines.filter((l) => l.includes('"error"'))).toEqual([]);
  });

  it.skipIf(!realCli)('slow and failing pages, a worker killed mid-run, the other stopped: every page once, in the stream and in --out', async () => {
    const M = 200;
    const SLOW_LOCK_MS = 600;
    const out = join(dir, 'mixed.jsonl');
    const start = (): ReturnType<typeof startWorkerProcess> => {
      const args = [cli, 'worker', '--redis', redis.url, '--queue', 'mixed', '--concurrency', '1', '--out', out, '--lock-duration', String(SLOW_LOCK_MS), '--stalled-interval', '300', '--model', modelDir];
      const proc = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
      children.push(proc);
      let err = '';
      proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
      return { proc, stderr: () => err, exited: new Promise((resolve) => proc.once('exit', (code) => resolve(code))) };
    };
    const a = start();
    await until(() => ready(a));
    const b = start();
    await until(() => ready(b));

    // Every 20th page is slow: 3.7 MB in 4,900 blocks, some seconds to score, far past the 600 ms lock.
    // Every 20th from 5 has no body: it fails for good.
    const para = (i: number): string => `第${i}段：三月底把番茄种子播在育苗盘里，保持土壤湿润，大约一周就能出芽。Seedlings need light ${i}, and the soil should stay moist but never wet. `.repeat(3);
    const slow = '<html><body>' + Array.from({ length: 4900 }, (_, i) => `<p>${para(i)}</p>`).join('') + '</body></html>';
    const ids = Array.from({ length: M }, (_, i) => `mixed-${i}`);
    const failing = ids.filter((_, i) => i % 20 === 5);
    const client = await connectRedis(redis.url);
    const queue = new Queue('mixed', { connection: client });
    await queue.addBulk(
      ids.map((id, i) => ({
        name: PAGE_JOB,
        data: i % 20 === 5 ? { id } : i % 20 === 0 ? { id, html: slow } : { id, url: `http://site.example/${i}`, ...pageKinds()[i % 3] },
        opts: pageJobOptions(id, { attempts: 2, backoffMs: 100 }),
      })),
    );
    const store = new ResultStore(client, 'mixed');
    try {
      // Kill A with jobs in hand; B goes on alone, the killed worker's jobs included once their locks lapse.
      await until(async () => (await store.count()) >= 40);
      a.proc.kill('SIGKILL');
      await a.exited;
      await until(async () => (await store.count()) >= M);
      b.proc.kill('SIGTERM');
      expect(await b.exited, b.stderr()).toBe(0);

      const results = (await store.readAfter('0-0', 10 * M)).map((e) => JSON.parse(e.json) as { id: string; error?: string });
      expect(results.map((r) => r.id).sort()).toEqual([...ids].sort());
      // Only the pages without a body failed; no slow page lost its lock and was failed for stalling.
      expect(results.filter((r) => r.error !== undefined).map((r) => r.id).sort()).toEqual([...failing].sort());
      expect((await store.deadLetters()).map((d) => d.id).sort()).toEqual([...failing].sort());
      // The worker that exited 0 left every result in the file, each once.
      const fileIds = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
      expect(fileIds.length).toBe(M);
      expect(new Set(fileIds)).toEqual(new Set(ids));
    } finally {
      await queue.close();
      await closeRedis(client);
    }
  });

  it.skipIf(!realCli)('two workers sharing --out, stopped one after the other mid-run: the file holds every committed result', async () => {
    const M = 120;
    const out = join(dir, 'shared-stop.jsonl');
    const slow = '<html><body>' + Array.from({ length: 1500 }, (_, i) => `<p>Paragraph ${i}: sow the tomato seeds in late March and keep the soil moist. 保持土壤湿润。</p>`).join('') + '</body></html>';
    const ids = Array.from({ length: M }, (_, i) => `stop-${i}`);
    const input = join(dir, 'shared-stop-pages.jsonl');
    writeFileSync(input, ids.map((id, i) => JSON.stringify(i % 4 === 0 ? { id, html: slow } : { id, ...pageKinds()[i % 3] })).join('\n') + '\n');
    const a = startWorkerProcess('shared-stop', out);
    await until(() => ready(a));
    const b = startWorkerProcess('shared-stop', out);
    await until(() => ready(b));
    const enq = spawnSync(process.execPath, [cli, 'enqueue', '--redis', redis.url, '--queue', 'shared-stop', input], { cwd: root, encoding: 'utf8' });
    expect(enq.status).toBe(0);
    const client = await connectRedis(redis.url);
    const store = new ResultStore(client, 'shared-stop');
    try {
      await until(async () => (await store.count()) >= 20);
      // A holds the file; it stops first, B a moment later with slow jobs still in hand.
      a.proc.kill('SIGTERM');
      await sleep(50);
      b.proc.kill('SIGTERM');
      expect(await a.exited, a.stderr()).toBe(0);
      expect(await b.exited, b.stderr()).toBe(0);
      const committed = (await store.readAfter('0-0', 10 * M)).map((e) => (JSON.parse(e.json) as { id: string }).id);
      const fileIds = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
      expect(fileIds.length).toBe(new Set(fileIds).size);
      expect(new Set(fileIds)).toEqual(new Set(committed));
    } finally {
      await closeRedis(client);
    }
  });

  it('on SIGTERM, a worker finishes its jobs in hand, writes their results and exits 0', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `term-${i}`);
    const input = join(dir, 'term.jsonl');
    const long = pageKinds()[0];
    writeFileSync(input, ids.map((id) => JSON.stringify({ id, ...long })).join('\n') + '\n');
    const enq = spawnSync(process.execPath, [cli, 'enqueue', '--redis', redis.url, '--queue', 'term', input], { cwd: root, encoding: 'utf8' });
    expect(enq.status).toBe(0);
    const out = join(dir, 'term-results.jsonl');
    const w = startWorkerProcess('term', out);
    const client = await connectRedis(redis.url);
    const store = new ResultStore(client, 'term');
    await until(async () => (await store.count()) >= 5);
    w.proc.kill('SIGTERM');
    expect(await w.exited, w.stderr()).toBe(0);
    const done = await store.count();
    const queue = new Queue('term', { connection: client });
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed');
    await queue.close();
    expect(done).toBeLessThan(ids.length);
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(done);
    // Every page is scored, still waiting, or (fetched as the signal came, never started) claimed until its lock lapses.
    expect(counts.active).toBeLessThanOrEqual(2);
    expect(done + counts.waiting + counts.active).toBe(ids.length);
    // A later worker finishes the rest, each page once.
    const next = await startWorker(new LinkScorer(), { redisUrl: redis.url, queue: 'term', lockDurationMs: LOCK_MS, stalledIntervalMs: 500, untilEmpty: true });
    await next.done;
    const all = (await store.readAfter('0-0', 1000)).map((e) => (JSON.parse(e.json) as { id: string }).id);
    await closeRedis(client);
    expect(all.length).toBe(ids.length);
    expect(new Set(all)).toEqual(new Set(ids));
  });

  it('dead-letters a job that stalls more often than allowed, with an error result', async () => {
    // A worker child takes jobs and is killed with them in hand.
    const a = startWorkerProcess('poison', join(dir, 'poison-a.jsonl'), false);
    await until(() => ready(a));
    const ids = Array.from({ length: 60 }, (_, i) => `poison-${i}`);
    const q = await PageQueue.open(redis.url, 'poison');
    await q.add(ids.map((id) => ({ id, content: fixture('en-recipe.html') })));
    await q.close();
    const client = await connectRedis(redis.url);
    const queue = new Queue('poison', { connection: client });
    try {
      await until(async () => (await queue.getJobCounts('active')).active >= 1 && (await new ResultStore(client, 'poison').count()) >= 3);
      a.proc.kill('SIGKILL');
      await a.exited;
    } finally {
      await queue.close();
    }
    // A worker that allows no stall at all fails those jobs for good.
    const b = await startWorker(new LinkScorer(), { redisUrl: redis.url, queue: 'poison', maxStalledCount: 0, lockDurationMs: LOCK_MS, stalledIntervalMs: 500, untilEmpty: true });
    const stats = await b.done;
    const store = new ResultStore(client, 'poison');
    const dead = await store.deadLetters();
    const results = (await store.readAfter('0-0', 100)).map((e) => JSON.parse(e.json) as { id: string; error?: string });
    await closeRedis(client);
    expect(dead.length).toBeGreaterThanOrEqual(1);
    expect(dead.every((d) => d.reason === 'job stalled more than allowable limit')).toBe(true);
    expect(stats.deadLettered).toBe(dead.length);
    expect(results.map((r) => r.id).sort()).toEqual([...ids].sort());
    const failed = results.filter((r) => r.error !== undefined);
    expect(failed.map((r) => r.id).sort()).toEqual(dead.map((d) => d.id).sort());
    expect(failed[0].error).toMatch(/^failed after \d+ tries: job stalled more than allowable limit$/);
  });
});
