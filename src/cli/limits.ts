/** The page-size limits as CLI flags, shared by every command that reads pages. */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { DEFAULT_TIMEOUT_SECONDS } from './fetch-url.js';
import { DEFAULT_LIMITS } from '../page/index.js';
import type { PageLimits } from '../page/types.js';

export interface LimitFlags {
  maxBytes?: string;
  maxBlocks?: string;
  maxDepth?: string;
  timeout?: string;
  maxSeconds?: string;
}

/** Adds --max-bytes, --max-blocks, --max-depth, --max-seconds and --timeout (URL inputs) to a command. */
export function limitOptions(cmd: Command): Command {
  return cmd
    .option('--max-bytes <n>', `bytes read per page (default ${DEFAULT_LIMITS.maxBytes})`)
    .option('--max-blocks <n>', `blocks kept per page (default ${DEFAULT_LIMITS.maxBlocks})`)
    .option('--max-depth <n>', `element nesting followed (default ${DEFAULT_LIMITS.maxDepth})`)
    .option('--max-seconds <s>', `work on one page before it is given up with an error (default ${DEFAULT_LIMITS.maxSeconds})`)
    .option('--timeout <seconds>', `seconds a URL input may take to arrive (default ${DEFAULT_TIMEOUT_SECONDS})`);
}

function positive(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a whole number ≥ 1, got ${v}`);
  return n;
}

/** The limits the flags set (unset ones stay at their defaults). */
export function limitsFrom(flags: LimitFlags): Partial<PageLimits> {
  const out: Partial<PageLimits> = {};
  const b = positive('--max-bytes', flags.maxBytes);
  const k = positive('--max-blocks', flags.maxBlocks);
  const d = positive('--max-depth', flags.maxDepth);
  if (b !== undefined) out.maxBytes = b;
  if (k !== undefined) out.maxBlocks = k;
  if (d !== undefined) out.maxDepth = d;
  if (flags.maxSeconds !== undefined) {
    const sec = Number(flags.maxSeconds);
    if (!(Number.isFinite(sec) && sec > 0)) throw new UsageError(`--max-seconds must be a number > 0, got ${flags.maxSeconds}`);
    out.maxSeconds = sec;
  }
  return out;
}

/** Seconds a URL input may take (--timeout), or the default. */
export function timeoutFrom(flags: LimitFlags): number {
  if (flags.timeout === undefined) return DEFAULT_TIMEOUT_SECONDS;
  const n = Number(flags.timeout);
  if (!(n > 0 && n <= 3600)) throw new UsageError(`--timeout must be a number of seconds from 0 to 3600, got ${flags.timeout}`);
  return n;
}
