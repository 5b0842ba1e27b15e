/**
 * Standardization of raw feature rows: heavy-tailed columns (counts, lengths) go
 * through sign·log1p first, then every column is centred, scaled and clipped, so
 * one page with a 10 000-link block cannot push inputs far outside training range.
 */

export interface Normalizer {
  columns: string[];
  /** Per column: sign·log1p applied before standardizing. */
  log: boolean[];
  mean: number[];
  std: number[];
  /** Standardized values are clipped to [-clip, clip]. */
  clip: number;
}

/** Columns whose absolute values stay within this bound are treated as ratios/flags (no log). */
const LOG_ABOVE = 1.5;

function slog(x: number): number {
  return x < 0 ? -Math.log1p(-x) : Math.log1p(x);
}

/** Fits the normalizer on training rows (raw FeatureMatrix rows). */
export function fitNormalizer(columns: readonly string[], rows: readonly Float32Array[], clip = 5): Normalizer {
  const width = columns.length;
  const log: boolean[] = new Array(width).fill(false);
  for (let c = 0; c < width; c++) {
    for (const row of rows) {
      if (Math.abs(row[c]) > LOG_ABOVE) {
        log[c] = true;
        break;
      }
    }
  }
  const mean = new Array<number>(width).fill(0);
  const sq = new Array<number>(width).fill(0);
  for (const row of rows) {
    for (let c = 0; c < width; c++) {
      const v = finite(log[c] ? slog(row[c]) : row[c]);
      mean[c] += v;
      sq[c] += v * v;
    }
  }
  const n = Math.max(1, rows.length);
  const std = mean.map((s, c) => {
    const m = s / n;
    const variance = sq[c] / n - m * m;
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  return { columns: [...columns], log, mean: mean.map((s) => s / n), std, clip };
}

function finite(v: number): number {
  return Number.isFinite(v) ? v : 0;
}

/** Writes the standardized row into `out` at `offset`. */
export function normalizeRow(norm: Normalizer, row: Float32Array, out: Float32Array, offset: number): void {
  const { log, mean, std, clip } = norm;
  for (let c = 0; c < mean.length; c++) {
    const raw = finite(row[c]);
    const v = ((log[c] ? slog(raw) : raw) - mean[c]) / std[c];
    out[offset + c] = v > clip ? clip : v < -clip ? -clip : v;
  }
}
