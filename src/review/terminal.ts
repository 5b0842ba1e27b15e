/**
 * The review's terminal: raw-mode stdin read as keys, full-screen redraws with plain
 * ANSI (alternate screen, no mouse), and the terminal restored on every way out.
 */
import type { ReadStream, WriteStream } from 'node:tty';
import { parseKeys, type Key } from './keys.js';

/** What the session needs from a terminal. */
export interface TerminalIO {
  readonly color: boolean;
  size(): { cols: number; rows: number };
  draw(lines: string[]): void;
  /** The next key; 'ctrl-c' also stands for a hang-up or SIGTERM. */
  nextKey(): Promise<Key>;
  close(): void;
}

export class RawTerminal implements TerminalIO {
  readonly color: boolean;
  private queue: Key[] = [];
  private waiting: ((k: Key) => void) | null = null;
  private closed = false;
  private readonly onData = (chunk: Buffer | string) => this.push(parseKeys(chunk.toString()));
  private readonly onSignal = () => this.push(['ctrl-c', 'ctrl-c']);
  private readonly onResize = () => this.push([{ char: '\0resize' }]);
  private readonly onExit = () => this.restore();

  constructor(
    private readonly input: ReadStream,
    private readonly output: WriteStream,
  ) {
    this.color = output.hasColors?.() ?? false;
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.on('data', this.onData);
    input.resume();
    process.on('SIGHUP', this.onSignal);
    process.on('SIGTERM', this.onSignal);
    process.on('exit', this.onExit);
    output.on('resize', this.onResize);
    // Alternate screen, cursor hidden.
    output.write('\x1b[?1049h\x1b[?25l');
  }

  size(): { cols: number; rows: number } {
    return { cols: Math.max(40, this.output.columns || 80), rows: Math.max(16, this.output.rows || 24) };
  }

  draw(lines: string[]): void {
    this.output.write('\x1b[H' + lines.map((l) => l + '\x1b[K').join('\r\n') + '\x1b[J');
  }

  nextKey(): Promise<Key> {
    const k = this.queue.shift();
    if (k !== undefined) return Promise.resolve(k);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.input.off('data', this.onData);
    process.off('SIGHUP', this.onSignal);
    process.off('SIGTERM', this.onSignal);
    process.off('exit', this.onExit);
    this.output.off('resize', this.onResize);
    this.restore();
    this.input.pause();
  }

  private restore(): void {
    try {
      this.input.setRawMode(false);
    } catch {
      // The terminal is gone (hang-up): nothing to restore.
    }
    this.output.write('\x1b[?25h\x1b[?1049l');
  }

  private push(keys: Key[]): void {
    for (const k of keys) {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(k);
      } else this.queue.push(k);
    }
  }
}

/** Whether a key is the terminal's "window resized" notice rather than a keypress. */
export function isResize(k: Key): boolean {
  return typeof k !== 'string' && k.char === '\0resize';
}
