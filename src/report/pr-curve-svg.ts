/** Precision-recall curves as inline SVG: one line per model, told apart by colour and dash, with the threshold marked. */
import { formatThreshold } from '../scorer/numbers.js';
import { escapeHtml } from './escape.js';
import type { PrPoint } from './types.js';

/** One curve to draw. */
export interface PrCurve {
  label: string;
  points: PrPoint[];
  /**
   * The operating point marked on the curve: the model's threshold and the precision and
   * recall of its verdicts there (the figures printed beside the chart). The page rollup's
   * rules flag blocks under the threshold, so it may lie off the curve of raw scores.
   */
  at?: PrPoint;
}

const W = 420;
const H = 320;
const PAD = { left: 48, right: 14, top: 14, bottom: 42 };
/** Height of one curve's legend (two lines). */
const LEGEND = 38;
const STYLES = [
  { colour: '#1f5fbf', dash: '' },
  { colour: '#c2410c', dash: '7 4' },
  { colour: '#15803d', dash: '2 3' },
  { colour: '#7e22ce', dash: '10 3 2 3' },
];

/** A threshold with the digits it has, up to 4 (0.9851 must not read as the 0.99 row). */

const x = (recall: number): number => PAD.left + recall * (W - PAD.left - PAD.right);
const y = (precision: number): number => H - PAD.bottom - precision * (H - PAD.top - PAD.bottom);
const clamp01 = (n: number): number => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);
const f = (n: number): string => n.toFixed(1);

/** An `<svg>` element with the curves, axes, grid and a legend; `title` names it for screen readers. */
export function prCurveSvg(curves: readonly PrCurve[], title: string): string {
  const parts: string[] = [];
  parts.push(`<svg class="pr" viewBox="0 0 ${W} ${H + LEGEND * curves.length}" width="${W}" role="img" aria-label="${escapeHtml(title)}">`);
  parts.push(`<title>${escapeHtml(title)}</title>`);
  for (let i = 0; i <= 10; i++) {
    const v = i / 10;
    const major = i % 5 === 0;
    parts.push(`<line class="grid${major ? ' major' : ''}" x1="${f(x(0))}" x2="${f(x(1))}" y1="${f(y(v))}" y2="${f(y(v))}"/>`);
    parts.push(`<line class="grid${major ? ' major' : ''}" x1="${f(x(v))}" x2="${f(x(v))}" y1="${f(y(0))}" y2="${f(y(1))}"/>`);
    if (i % 2 === 0) {
      parts.push(`<text class="tick" x="${f(x(v))}" y="${f(y(0) + 15)}" text-anchor="middle">${v.toFixed(1)}</text>`);
      parts.push(`<text class="tick" x="${f(x(0) - 6)}" y="${f(y(v) + 4)}" text-anchor="end">${v.toFixed(1)}</text>`);
    }
  }
  parts.push(`<text class="axis" x="${f((x(0) + x(1)) / 2)}" y="${H - 8}" text-anchor="middle">recall</text>`);
  parts.push(`<text class="axis" transform="translate(12 ${f((y(0) + y(1)) / 2)}) rotate(-90)" text-anchor="middle">precision</text>`);
  curves.forEach((c, i) => {
    const s = STYLES[i % STYLES.length];
    const pts = [...c.points].sort((a, b) => a.recall - b.recall || b.precision - a.precision);
    const d = pts.map((p) => `${f(x(clamp01(p.recall)))},${f(y(clamp01(p.precision)))}`).join(' ');
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    if (pts.length) parts.push(`<polyline class="curve" points="${d}" stroke="${s.colour}"${dash}><title>${escapeHtml(c.label)}</title></polyline>`);
    const at = c.at;
    if (at) {
      const label = `${c.label} at threshold ${formatThreshold(at.threshold)}: precision ${at.precision.toFixed(3)}, recall ${at.recall.toFixed(3)}`;
      parts.push(
        `<circle class="at" cx="${f(x(clamp01(at.recall)))}" cy="${f(y(clamp01(at.precision)))}" r="5" stroke="${s.colour}"><title>${escapeHtml(label)}</title></circle>`,
      );
    }
    // Two lines a curve: its name, then what its circle is (the verdicts, page rules included, so it may sit off the curve).
    const ly = H + 8 + LEGEND * i;
    parts.push(`<line x1="${PAD.left}" x2="${PAD.left + 34}" y1="${ly}" y2="${ly}" stroke="${s.colour}" stroke-width="2.5"${dash}/>`);
    parts.push(`<text class="legend" x="${PAD.left + 42}" y="${ly + 4}">${escapeHtml(c.label)}</text>`);
    if (at) {
      parts.push(
        `<text class="legend note" x="${PAD.left + 42}" y="${ly + 19}">circle: its verdicts at ${formatThreshold(at.threshold)}, page rules included</text>`,
      );
    }
  });
  parts.push('</svg>');
  return parts.join('');
}
