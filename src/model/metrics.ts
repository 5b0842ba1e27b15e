/**
 * Binary classification metrics on block scores, optionally weighted (e.g. by
 * characters): confusion counts, precision/recall/F1, PR-AUC (average precision)
 * and threshold choice for a target precision.
 */

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

/** Weighted confusion counts at `threshold` (score >= threshold is positive). */
export function confusion(
  scores: ArrayLike<number>,
  labels: ArrayLike<boolean>,
  threshold: number,
  weights?: ArrayLike<number>,
): Confusion {
  const c: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (let i = 0; i < scores.length; i++) {
    const w = weights ? weights[i] : 1;
    const pred = scores[i] >= threshold;
    if (labels[i]) pred ? (c.tp += w) : (c.fn += w);
    else pred ? (c.fp += w) : (c.tn += w);
  }
  return c;
}

/** Precision, recall and F1 of a confusion; precision is 1 when nothing is predicted positive. */
export function prf(c: Confusion): Prf {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 1;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** One point of the precision–recall curve: predicting positive at score >= threshold. */
export interface CurvePoint extends Prf {
  threshold: number;
}

/**
 * The precision–recall curve, one point per distinct score (descending threshold).
 * Tied scores enter together, so the curve does not depend on input order.
 */
export function prCurve(scores: ArrayLike<number>, labels: ArrayLike<boolean>, weights?: ArrayLike<number>): CurvePoint[] {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]) positives += weights ? weights[i] : 1;
  const points: CurvePoint[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; ) {
    const t = scores[order[k]];
    while (k < order.length && scores[order[k]] === t) {
      const i = order[k++];
      const w = weights ? weights[i] : 1;
      if (labels[i]) tp += w;
      else fp += w;
    }
    const m = prf({ tp, fp, fn: positives - tp, tn: 0 });
    points.push({ threshold: t, ...m });
  }
  return points;
}

/** Area under the precision–recall curve as average precision: Σ (R_k − R_{k−1}) · P_k. NaN without positives. */
export function prAuc(scores: ArrayLike<number>, labels: ArrayLike<boolean>, weights?: ArrayLike<number>): number {
  const curve = prCurve(scores, labels, weights);
  if (curve.length === 0 || curve[curve.length - 1].recall === 0) return Number.NaN;
  let area = 0;
  let prev = 0;
  for (const p of curve) {
    area += (p.recall - prev) * p.precision;
    prev = p.recall;
  }
  return area;
}

export interface ThresholdChoice extends Prf {
  threshold: number;
  /** False when no threshold reaches the asked precision; then the best-F1 threshold is taken. */
  reached: boolean;
}

/**
 * The lowest threshold whose precision is at least `target` (most recall at that
 * precision). When none reaches it, the threshold of best F1. Thresholds fall
 * halfway between adjacent distinct scores, so a slightly different score on
 * new data does not flip exactly at the boundary. Without positives: 0.5.
 */
export function chooseThreshold(
  scores: ArrayLike<number>,
  labels: ArrayLike<boolean>,
  target: number,
  weights?: ArrayLike<number>,
): ThresholdChoice {
  const curve = prCurve(scores, labels, weights);
  const hasPositive = curve.length > 0 && curve[curve.length - 1].recall > 0;
  if (!hasPositive) return { threshold: 0.5, precision: 1, recall: 0, f1: 0, reached: false };
  const between = (k: number) => (k + 1 < curve.length ? (curve[k].threshold + curve[k + 1].threshold) / 2 : curve[k].threshold);
  let best = -1;
  for (let k = 0; k < curve.length; k++) if (curve[k].precision >= target && curve[k].recall > 0) best = k;
  if (best >= 0) return { ...pick(curve[best]), threshold: between(best), reached: true };
  let bestF1 = 0;
  for (let k = 0; k < curve.length; k++) if (curve[k].f1 > curve[bestF1].f1) bestF1 = k;
  return { ...pick(curve[bestF1]), threshold: between(bestF1), reached: false };
}

function pick(p: Prf): Prf {
  return { precision: p.precision, recall: p.recall, f1: p.f1 };
}

/** The q-quantile (0..1) of values, by linear interpolation; NaN when empty. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** The best F1 over all thresholds; 0 without positives. */
export function bestF1(scores: ArrayLike<number>, labels: ArrayLike<boolean>, weights?: ArrayLike<number>): number {
  let best = 0;
  for (const p of prCurve(scores, labels, weights)) if (p.f1 > best) best = p.f1;
  return best;
}
