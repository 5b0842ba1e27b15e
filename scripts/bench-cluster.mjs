#!/usr/bin/env node
// Queue-mode throughput: pages/s with 1 and 2 `seospam worker` processes on this machine,
// over the pages of ../shared/corpus, through a throwaway redis-server on loopback.
// Run on the build: `npx tsc -p . && node scripts/bench-cluster.mjs [--workers 1,2] [--pages N] [--model DIR]`.
// Skips (exit 0) when the corpus, redis-server, the build or a model is missing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(root, '../shared/corpus');
const cli = path.join(root, 'dist/cli/main.js');
const { values: args } = parseArgs({
  options: { workers: { type: 'string', default: '1,2' }, pages: { type: 'string' }, model: { type: 'string' }, concurrency: { type: 'string', default: '1' } },
});
const model = args.model ?? path.join(root, 'models/default');

function skip(why) {
  console.error(`bench-cluster: ${why}; nothing to measure`);
  process.exit(0);
}
if (!existsSync(path.join(corpus, 'labels.jsonl'))) skip(`no corpus at ${corpus}`);
if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) skip('redis-server not found (apt-get install redis-server)');
if (!existsSync(cli)) skip('no build in dist/ (run npx tsc -p .)');
if (!existsSync(path.join(model, 'meta.json'))) skip(`no model in ${model}`);

const { connectRedis, closeRedis } = await import('../dist/scale/redis.js');
const { ResultStore } = await import('../dist/scale/result-store.js');

let files = readFileSync(path.join(corpus, 'labels.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => path.join(corpus, JSON.parse(l).file));
if (args.pages) files = files.slice(0, Number(args.pages));

const port = await new Promise((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const p = srv.address().port;
    srv.close(() => resolve(p));
  });
});
const redisProc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
const url = `redis://127.0.0.1:${port}`;
let client;
for (let i = 0; i < 100 && !client; i += 1) {
  try {
    client = await connectRedis(url);
  } catch {
    await sleep(100);
  }
}
if (!client) {
  redisProc.kill();
  skip('redis-server did not start');
}

const run = (argv) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...argv], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, err }));
  });

console.log(`corpus: ${files.length} pages; ${args.concurrency} job(s) in flight per worker; model ${model}; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
try {
  for (const n of args.workers.split(',').map(Number)) {
    const queue = `bench-${n}-${Date.now()}`;
    const enq = await run(['enqueue', '--redis', url, '--queue', queue, ...files]);
    const summary = /(\d+) pages to queue/.exec(enq.err);
    if (!summary) throw new Error(`enqueue failed: ${enq.err.trim().split('\n').pop()}`);
    const pages = Number(summary[1]);
    const t0 = performance.now();
    const workerArgs = ['worker', '--redis', url, '--queue', queue, '--until-empty', '--quiet', '--concurrency', args.concurrency, '--model', model];
    const exits = await Promise.all(Array.from({ length: n }, () => run(workerArgs)));
    const wall = (performance.now() - t0) / 1000;
    const bad = exits.find((e) => e.code !== 0);
    if (bad) throw new Error(`a worker failed: ${bad.err.trim().split('\n').pop()}`);
    const entries = await new ResultStore(client, queue).readAfter('0-0', pages + 10);
    const errors = entries.filter((e) => e.json.includes('"error":')).length;
    // Stream ids start with the commit time in ms: the span from first to last result leaves model loading out.
    const ms = (e) => Number(e.entryId.split('-')[0]);
    const span = (ms(entries[entries.length - 1]) - ms(entries[0])) / 1000;
    console.log(
      `${n} worker${n > 1 ? 's' : ' '}: ${entries.length} results (${errors} errors) in ${wall.toFixed(1)} s wall, ` +
        `${(entries.length / wall).toFixed(1)} pages/s with start-up, ${((entries.length - 1) / span).toFixed(1)} pages/s scoring`,
    );
  }
} finally {
  await closeRedis(client);
  redisProc.kill();
}
