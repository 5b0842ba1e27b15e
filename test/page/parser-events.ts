/** Records what an htmlparser2 Parser tells its handler, for comparing parsers event for event. */
import type { Parser } from 'htmlparser2';

/**
 * Every event named in `names`, in order, with its arguments (as `show` writes them, JSON by
 * default) and the parser's start and end indices at that moment; `html` is fed whole or in chunks.
 */
export function recordEvents(
  html: string | string[],
  make: (handler: Record<string, unknown>) => Parser,
  names: readonly string[],
  show: (args: unknown[]) => string = (args) => JSON.stringify(args),
): unknown[] {
  const out: unknown[] = [];
  let parser: Parser | null = null;
  const handler: Record<string, unknown> = {
    onparserinit(p: Parser) {
      parser = p;
    },
  };
  for (const name of names) handler[name] = (...args: unknown[]) => out.push([name, show(args), parser!.startIndex, parser!.endIndex]);
  const p = make(handler);
  for (const chunk of Array.isArray(html) ? html : [html]) p.write(chunk);
  p.end();
  return out;
}
