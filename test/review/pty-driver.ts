/** Drives `seospam label` in a pseudo-terminal: send keys, wait for screen text, wait for exit. */
import { spawn, type IPty } from 'node-pty';

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]/g;

/** The text of the most recent full redraw (everything after the last cursor-home), without ANSI codes. */
export function lastScreen(raw: string): string {
  const at = raw.lastIndexOf('\x1b[H');
  return (at >= 0 ? raw.slice(at) : raw).replace(ANSI, '');
}

export class PtySession {
  raw = '';
  private exitCode: number | null = null;
  private exited: Promise<number>;
  private readonly pty: IPty;

  constructor(cmd: string, args: string[], cwd: string, cols = 110, rows = 32) {
    // A person's colour terminal: without CI in its environment, which makes Node report a terminal without colours.
    const { CI: _ci, ...env } = process.env;
    this.pty = spawn(cmd, args, { name: 'xterm-256color', cols, rows, cwd, env: { ...env, TERM: 'xterm-256color' } });
    this.pty.onData((d) => (this.raw += d));
    this.exited = new Promise((done) =>
      this.pty.onExit(({ exitCode }) => {
        this.exitCode = exitCode;
        done(exitCode);
      }),
    );
  }

  /** The current screen's text. */
  screen(): string {
    return lastScreen(this.raw);
  }

  /**
   * Waits until the current screen matches and has stopped changing (no output for `settleMs`):
   * a pty hands a redraw over in chunks, so a match on the first chunk may precede the lines below it.
   * Throws with the screen when it does not match in time.
   */
  async waitFor(pattern: RegExp, timeoutMs = 20_000, settleMs = 80): Promise<string> {
    const end = Date.now() + timeoutMs;
    let seen = -1;
    let since = Date.now();
    while (Date.now() < end) {
      if (this.raw.length !== seen) {
        seen = this.raw.length;
        since = Date.now();
      }
      const s = this.screen();
      const settled = Date.now() - since >= settleMs || this.exitCode !== null;
      if (settled && pattern.test(s)) return s;
      if (this.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`screen never matched ${pattern} (exit ${this.exitCode}):\n${this.screen()}\n--- raw tail ---\n${this.raw.slice(-600)}`);
  }

  /** Sends keys and waits until the screen has been redrawn after them. */
  async send(keys: string, expect?: RegExp): Promise<string> {
    const before = this.raw.length;
    this.pty.write(keys);
    const end = Date.now() + 20_000;
    while (this.raw.length === before && this.exitCode === null && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    return expect ? this.waitFor(expect) : this.screen();
  }

  /** Exit code once the process ends (killed after the timeout). */
  async exit(timeoutMs = 20_000): Promise<number> {
    const timer = setTimeout(() => this.pty.kill(), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  kill(): void {
    if (this.exitCode === null) this.pty.kill();
  }
}

/** Key codes for `send`. */
export const KEYS = { up: '\x1b[A', down: '\x1b[B', enter: '\r', esc: '\x1b', ctrlC: '\x03', home: '\x1b[H', end: '\x1b[F' };
