/** What a cut page says about its cut, in words (the CLI's text output and the HTML report). */
import type { Truncation } from './types.js';

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** One sentence per limit that cut the page, e.g. `only its first and last 2 MiB were read (--max-bytes 4194304)`. */
export function describeTruncation(t: Truncation): string {
  const parts: string[] = [];
  if (t.bytes !== undefined) parts.push(`only its first and last ${size(t.bytes / 2)} were read (--max-bytes ${t.bytes})`);
  if (t.blocks !== undefined) {
    const head = Math.floor(t.blocks / 2);
    parts.push(`only its first ${head} and last ${t.blocks - head} blocks were scored (--max-blocks ${t.blocks})`);
  }
  return `page cut: ${parts.join('; ')}`;
}
