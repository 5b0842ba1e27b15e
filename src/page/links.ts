/** Resolving a link's href against the page URL: host and whether it leaves the site. */
import type { Link } from './types.js';

const ABSOLUTE = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/** The site a host belongs to, for comparing hosts: lower case, without a leading `www.`. */
export function siteOf(host: string): string {
  const h = host.toLowerCase();
  return h.startsWith('www.') ? h.slice(4) : h;
}

/** Builds a Link: the href resolved against `base` when known; host and external when it is http(s). */
export function makeLink(href: string, text: string, base: URL | null): Link {
  const raw = href.trim();
  let url: URL | null = null;
  if (raw && (base || ABSOLUTE.test(raw) || raw.startsWith('//'))) {
    try {
      url = base ? new URL(raw, base) : new URL(raw.startsWith('//') ? `http:${raw}` : raw);
    } catch {
      url = null;
    }
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    return { href: raw, text, external: null, host: null };
  }
  const host = url.hostname.toLowerCase();
  const external = base && base.hostname ? siteOf(host) !== siteOf(base.hostname) : null;
  return { href: url.href, text, external, host };
}

/** The page URL parsed, or null when absent or not a URL. */
export function parseBase(url: string | null | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
