import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageResult, ScoreOptions } from '../../src/scorer/types.js';
import { jobIdFor, PageQueue } from '../../src/scale/queue.js';
import { connectRedis, closeRedis } from '../../src/scale/redis.js';
import { ResultStore } from '../../src/scale/result-store.js';
import { JsonlSink } from '../../src/scale/jsonl-sink.js';
import type { IdResult, ScalePage } from '../../src/scale/types.js';
import { startWorker, type PageWorker } from '../../src/scale/worker.js';
import { LinkScorer } from './link-scorer.js';
import { hasRedisServer, startRedisServer, type RedisServer } from './redis-server.js';
import { fixture } from './warc-builder.js';

let redis: RedisServer;
const dir = mkdtempSync(join(tmpdir(), 'seospam-queue-'));

beforeAll(async () => {
  if (hasRedisServer) redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Pages from the fixtures under distinct ids, Chinese and English, bytes and text. */
function pages(n: number, prefix: string): ScalePage[] {
  const gbk = fixture('zh-garden-linkfarm.gbk.html');
  const recipe = fixture('en-recipe.html');
  const notes = fixture('en-notes.txt').toString('utf8');
  return Array.from({ length: n }, (_, i): ScalePage => {
    const id = `${prefix}:${i}`;
    if (i % 3 === 0) return { id, url: `http://garden.example/${i}`, contentType: 'text/html; charset=gbk', content: gbk };
    if (i % 3 === 1) return { id, url: `http://food.example/${i}`, content: recipe };
    return { id, kind: 'text', content: notes };
  });
}

async function enqueue(queue: string, list: ScalePage[], retry = {}): Promise<void> {
  const q = await PageQueue.open(redis.url, queue);
  await q.add(list, retry);
  await q.close();
}

/** Results in the queue's stream, parsed. */
async function results(queue: string): Promise<IdResult[]> {
  const client = await connectRedis(redis.url);
  const store = new ResultStore(client, queue);
  const out = (await store.readAfter('0-0', 10_000)).map((e) => JSON.parse(e.json) as IdResult);
  await closeRedis(client);
  return out;
}

async function waitFor(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(50);
  }
}

describe.skipIf(!hasRedisServer)('queue workers', () => {
  it('two workers score every page once, into the stream and one shared JSONL file', async () => {
    const list = pages(30, 'two');
    await enqueue('two', list);
    const out = join(dir, 'two.jsonl');
    const workers: PageWorker[] = [];
    for (let i = 0; i < 2; i += 1) {
      workers.push(await startWorker(new LinkScorer(), { redisUrl: redis.url, queue: 'two', concurrency: 2, out, lockDurationMs: 2000 }));
    }
    await waitFor(async () => (await results('two')).length >= 30);
    const stats = await Promise.all(workers.map((w) => w.close()));
    expect(stats.reduce((a, s) => a + s.scored, 0)).toBe(30);

    const stream = await results('two');
    expect(stream.map((r) => r.id).sort()).toEqual(list.map((p) => p.id).sort());
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as IdResult);
    expect(lines.map((r) => r.id).sort()).toEqual(list.map((p) => p.id).sort());
    const garden = lines.find((r) => r.id === 'two:0') as PageResult;
    expect(garden.url).toBe('http://garden.example/0');
    expect(garden.spam).toBe(true);
    expect(garden.blocks[0].text).toContain('春天的番茄苗');
    expect(lines.find((r) => r.id === 'two:2')?.blocks[0].text).toContain('Volunteers for the book sale');
  });

  it('a sink taking over a file cuts a half-written last line and rewrites only what is missing', async () => {
    const list = pages(6, 'takeover');
    await enqueue('takeover', list);
    const first = await startWorker(new LinkScorer(), { redisUrl: redis.url, queue: 'takeover', untilEmpty: true });
    await first.done;
    const stream = await results('takeover');
    expect(stream).toHaveLength(6);
    // As a writer killed mid-write would leave it: two whole lines and half of a third.
    const out = join(dir, 'takeover.jsonl');
    const whole = stream.slice(0, 2).map((r) => JSON.stringify(r) + '\n').join('');
    writeFileSync(out, whole + JSON.stringify(stream[2]).slice(0, 40));
    const second = await startWorker(new LinkScorer(), { redisUrl: redis.url, queue: 'takeover', out, lockDurationMs: 1000 });
    await waitFor(async () => second.written >= 4);
    await second.close();
    const ids = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as IdResult).id);
    expect(ids.slice(0, 2)).toEqual([stream[0].id, stream[1].id]);
    expect(ids.sort()).toEqual(list.map((p) => p.id).sort());
    expect(second.written).toBe(4);
  });

  it('a sink stopping while another holds the file still gets its last results written', async () => {
    const client = await connectRedis(redis.url);
    const reader = (): Promise<typeof client> => connectRedis(redis.url);
    const store = new ResultStore(client, 'sinks');
    const out = join(dir, 'sinks.jsonl');
    const logA: string[] = [];
    const readerA = await reader();
    const readerB = await reader();
    // A takes the file first; B waits for it (a long lease: B asks for it only once a second).
    const a = new JsonlSink(store, client, readerA, out, { leaseMs: 30_000, log: (l) => logA.push(l) });
    await waitFor(async () => logA.some((l) => l.includes('this worker writes the results now')));
    const b = new JsonlSink(store, client, readerB, out, { leaseMs: 30_000 });
    const result = (id: string): IdResult => ({ id, file: id, url: null, score: 0.1, spam: false, spamShare: 0, blocks: [] });
    await store.commit(jobIdFor('sinks:1'), result('sinks:1'));
    await a.stop();
    // B's worker committed one more result after A wrote its last, then B stops at once.
    await store.commit(jobIdFor('sinks:2'), result('sinks:2'));
    await b.stop();
    for (const c of [readerA, readerB, client]) await closeRedis(c);
    const ids = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as IdResult).id);
    expect(ids).toEqual(['sinks:1', 'sinks:2']);
  });

  it('scores a page enqueued twice once', async () => {
    const list = pages(4, 'again');
    await enqueue('again', list);
    const worker = await startWorker(new LinkScorer(), { redisUrl: redis.url, queue: 'again' });
    await waitFor(async () => (await results('again')).length >= 4);
    await enqueue('again', list);
    const q = await PageQueue.open(redis.url, 'again');
    await waitFor(async () => (await q.pending()) === 0);
    await q.close();
    const stats = await worker.close();
    expect((await results('again')).map((r) => r.id).sort()).toEqual(list.map((p) => p.id).sort());
    expect(stats.scored).toBe(4);
  });

  it('retries a failing page with backoff, then dead-letters it with an error result', async () => {
    class FlakyScorer extends LinkScorer {
      tries = new Map<string, number>();
      override score(content: Uint8Array | string, options: ScoreOptions = {}): PageResult {
        const id = options.file ?? '';
        this.tries.set(id, (this.tries.get(id) ?? 0) + 1);
        if (id === 'flaky:bad') throw new Error('scorer broke');
        if (id === 'flaky:once' && this.tries.get(id) === 1) throw new Error('first try only');
        return super.score(content, options);
      }
    }
    const scorer = new FlakyScorer();
    const list: ScalePage[] = [
      { id: 'flaky:bad', content: '<p>bad</p>' },
      { id: 'flaky:once', content: '<p>once</p>' },
      { id: 'flaky:fine', content: '<p>fine</p>' },
    ];
    await enqueue('flaky', list, { attempts: 3, backoffMs: 20 });
    const worker = await startWorker(scorer, { redisUrl: redis.url, queue: 'flaky' });
    await waitFor(async () => (await results('flaky')).length >= 3);
    await worker.close();
    const byId = Object.fromEntries((await results('flaky')).map((r) => [r.id, r]));
    expect(byId['flaky:fine'].error).toBeUndefined();
    expect(byId['flaky:once'].error).toBeUndefined();
    expect(byId['flaky:bad']).toMatchObject({ score: 0, blocks: [], error: 'failed after 3 tries: scorer broke' });
    expect(scorer.tries.get('flaky:bad')).toBe(3);
    expect(scorer.tries.get('flaky:once')).toBe(2);
    expect(scorer.tries.get('flaky:fine')).toBe(1);
    const client = await connectRedis(redis.url);
    const dead = await new ResultStore(client, 'flaky').deadLetters();
    await closeRedis(client);
    expect(dead).toEqual([expect.objectContaining({ id: 'flaky:bad', jobId: jobIdFor('flaky:bad'), attempts: 3, reason: 'scorer broke' })]);
  });

  it('dead-letters a job with a bad payload without retrying it', async () => {
    const client = await connectRedis(redis.url);
    const queue = new Queue('badjob', { connection: client });
    await queue.add('score-page', { id: 'no-content' }, { jobId: jobIdFor('no-content'), attempts: 3 });
    await queue.close();
    const worker = await startWorker(new LinkScorer(), { redisUrl: redis.url, queue: 'badjob' });
    await waitFor(async () => (await results('badjob')).length >= 1);
    const stats = await worker.close();
    const dead = await new ResultStore(client, 'badjob').deadLetters();
    await closeRedis(client);
    expect(stats.failed).toBe(1);
    expect(dead).toEqual([expect.objectContaining({ id: 'no-content', attempts: 1 })]);
    expect(dead[0].reason).toMatch(/give exactly one of "html", "text" or "base64"/);
  });

  it('on close, finishes the job in hand and takes no more', async () => {
    const list = pages(6, 'close');
    await enqueue('close', list);
    let worker: PageWorker | null = null;
    let closing: Promise<unknown> | null = null;
    class ClosingScorer extends LinkScorer {
      override score(content: Uint8Array | string, options: ScoreOptions = {}): PageResult {
        // Ask the worker to stop while this page is in hand.
        closing ??= worker!.close();
        return super.score(content, options);
      }
    }
    const scorer = new ClosingScorer();
    worker = await startWorker(scorer, { redisUrl: redis.url, queue: 'close', concurrency: 1 });
    await waitFor(async () => closing !== null);
    await closing;
    expect(scorer.calls).toBe(1);
    const done = await results('close');
    expect(done).toHaveLength(1);
    expect(done[0].error).toBeUndefined();
    const q = await PageQueue.open(redis.url, 'close');
    expect(await q.pending()).toBe(5);
    await q.close();
  });
});
