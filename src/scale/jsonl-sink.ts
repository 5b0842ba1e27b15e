/**
 * The JSONL file sink of the queue mode: copies the queue's result stream into a
 * file, each job's result once. Several workers may be given the same file: a
 * Redis lease lets one of them write at a time, and the writer skips every job id
 * already in the file, so a takeover after a crash adds no duplicates.
 */
import { randomUUID, createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeError, InputError } from '../errors.js';
import { readLines } from './line-reader.js';
import { jobIdFor } from './queue.js';
import type { RedisClient } from './redis.js';
import { compareEntryIds, type ResultStore } from './result-store.js';

// A result line holds a page's text and blocks; far longer lines are not results.
const MAX_RESULT_LINE_BYTES = 256 * 1024 * 1024;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

export interface JsonlSinkOptions {
  /** How long a writer that stopped renewing keeps the file, in ms. */
  leaseMs: number;
  /** Results read per round trip (default 500). */
  batch?: number;
  log?: (line: string) => void;
}

/** Cuts a last line left half-written by a crash, reading only the file's tail. */
function cutPartialLine(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    const chunk = Buffer.alloc(64 * 1024);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const n = readSync(fd, chunk, 0, end - start, start);
      const nl = chunk.subarray(0, n).lastIndexOf(0x0a);
      if (nl !== -1) {
        end = start + nl + 1;
        break;
      }
      end = start;
    }
    if (end < size) ftruncateSync(fd, end);
  } finally {
    closeSync(fd);
  }
}

/** Job ids of the results already in the file, read line by line. */
async function idsInFile(path: string): Promise<Set<string>> {
  const ids = new Set<string>();
  if (!existsSync(path)) return ids;
  cutPartialLine(path);
  for await (const line of readLines(createReadStream(path), MAX_RESULT_LINE_BYTES)) {
    if (line.tooLong || line.text.trim() === '') continue;
    try {
      const id = (JSON.parse(line.text) as { id?: unknown }).id;
      if (typeof id === 'string') ids.add(jobIdFor(id));
    } catch {
      // A line that is not ours; leave it and write after it.
    }
  }
  return ids;
}

/** Copies a queue's results into a JSONL file until stopped. */
export class JsonlSink {
  readonly path: string;
  /** Lines this process wrote. */
  written = 0;
  private readonly leaseKey: string;
  /** Where the writer publishes the stream entry the file is complete up to. */
  private readonly posKey: string;
  private readonly token = randomUUID();
  private stopping = false;
  /** Set when this sink, holding the lease, wrote the stream to its end as it stopped. */
  private flushed = false;
  private failed = false;
  private readonly running: Promise<void>;

  constructor(
    private readonly store: ResultStore,
    private readonly client: RedisClient,
    /** A connection of its own, for blocking reads. */
    private readonly reader: RedisClient,
    path: string,
    private readonly opts: JsonlSinkOptions,
  ) {
    this.path = resolve(path);
    const where = createHash('sha256').update(`${hostname()}\0${this.path}`).digest('hex').slice(0, 24);
    this.leaseKey = `${store.keys.results}:sink:${where}`;
    this.posKey = `${this.leaseKey}:pos`;
    this.running = this.run().catch((err: unknown) => {
      this.failed = true;
      this.opts.log?.(`${this.path}: result file sink stopped: ${describeError(err)}`);
    });
  }

  private get wait(): number {
    return Math.max(50, Math.min(1000, Math.floor(this.opts.leaseMs / 3)));
  }

  /**
   * Writes the results still in the stream, then lets go of the file. When another
   * worker holds the file, waits until it has written every result in the stream
   * now (this worker's last ones included), or takes the file over to write them.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
    if (this.flushed || this.failed) return;
    const target = await this.store.lastEntryId();
    if (target === null) return;
    for (;;) {
      if (await this.acquire()) {
        if (await this.copy(this.opts.batch ?? 500, this.wait)) return;
        continue;
      }
      const pos = await this.client.get(this.posKey);
      if (pos !== null && compareEntryIds(pos, target) >= 0) return;
      await sleep(this.wait);
    }
  }

  private async acquire(): Promise<boolean> {
    const ok = await this.client.set(this.leaseKey, this.token, { condition: 'NX', expiration: { type: 'PX', value: this.opts.leaseMs } });
    return ok === 'OK';
  }

  private async renew(): Promise<boolean> {
    return (await this.client.eval(RENEW, { keys: [this.leaseKey], arguments: [this.token, String(this.opts.leaseMs)] })) === 1;
  }

  private async run(): Promise<void> {
    const batch = this.opts.batch ?? 500;
    while (!this.stopping) {
      if ((await this.acquire()) && (await this.copy(batch, this.wait))) return;
      await sleep(this.wait);
    }
  }

  /** Holding the lease: copies new results until stopped and caught up (true) or the lease is lost (false). */
  private async copy(batch: number, wait: number): Promise<boolean> {
    let fd: number;
    let seen: Set<string>;
    try {
      seen = await idsInFile(this.path);
      fd = openSync(this.path, 'a');
    } catch (err) {
      await this.client.eval(RELEASE, { keys: [this.leaseKey], arguments: [this.token] });
      throw new InputError(this.path, `cannot write results: ${describeError(err)}`);
    }
    this.opts.log?.(`${this.path}: this worker writes the results now (${seen.size} already in the file)`);
    try {
      let after = '0-0';
      for (;;) {
        const stopping = this.stopping;
        const entries = await this.store.readAfter(after, batch, stopping ? undefined : wait, this.reader);
        if (!(await this.renew())) {
          this.opts.log?.(`${this.path}: lost the result file lease; another worker writes it now`);
          return false;
        }
        const lines: string[] = [];
        for (const entry of entries) {
          after = entry.entryId;
          if (seen.has(entry.jobId)) continue;
          seen.add(entry.jobId);
          lines.push(entry.json + '\n');
        }
        if (lines.length > 0) {
          writeSync(fd, lines.join(''));
          this.written += lines.length;
        }
        // Tells a stopping worker how far the file is complete (kept a few leases after the writer stops).
        if (after !== '0-0') await this.client.set(this.posKey, after, { expiration: { type: 'PX', value: 4 * this.opts.leaseMs } });
        if (stopping && entries.length === 0) {
          this.flushed = true;
          return true;
        }
      }
    } finally {
      closeSync(fd);
      await this.client.eval(RELEASE, { keys: [this.leaseKey], arguments: [this.token] });
    }
  }
}
