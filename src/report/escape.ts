/** Escaping for text placed in HTML markup and for JSON embedded in a script element. */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * JSON for a `<script type="application/json">` element: `<`, `>` and `&` become
 * `\u003c`, `\u003e`, `\u0026` so no `</script>` or `<!--` can appear, and the
 * line separators U+2028/U+2029 are escaped too. `JSON.parse` of the element's
 * text gives back the value unchanged.
 */
export function embedJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) return 'null';
  return json.replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
