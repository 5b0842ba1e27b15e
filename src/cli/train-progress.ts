/** `seospam train`'s epoch line: each epoch's figures and time, and an estimate of the epochs' time left. */
import type { EpochReport } from '../model/train.js';

/** A figure to 4 digits, — when there is none. */
export function fmt(n: number | null, digits = 4): string {
  return n === null || Number.isNaN(n) ? '—' : n.toFixed(digits);
}

/** A duration for a person: 41 s, 3.5 min, 1.2 h. */
export function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/**
 * Keeps the epochs reported so far. The time left assumes every network runs to its last
 * epoch (early stopping may end it sooner, so it is an upper bound), at its own mean epoch time
 * (a network not started yet: the mean of all), `jobs` networks at once.
 */
export class EpochClock {
  private readonly done = new Map<number, { epochs: number; seconds: number; finished: boolean }>();

  constructor(private readonly jobs: number) {}

  /** Records `e`; returns the seconds of epochs left, at most. */
  add(e: EpochReport): number {
    // A member's first epoch starts a new fit of it (train --cv fits each fold, then the model).
    const d = e.epoch === 1 ? { epochs: 0, seconds: 0, finished: false } : (this.done.get(e.member) ?? { epochs: 0, seconds: 0, finished: false });
    d.epochs++;
    d.seconds += e.seconds;
    d.finished = e.last;
    this.done.set(e.member, d);
    let epochs = 0;
    let seconds = 0;
    for (const v of this.done.values()) {
      epochs += v.epochs;
      seconds += v.seconds;
    }
    const mean = seconds / epochs;
    let left = 0;
    let running = 0;
    for (let m = 1; m <= e.members; m++) {
      const v = this.done.get(m);
      if (v?.finished) continue;
      running++;
      left += (e.epochs - (v?.epochs ?? 0)) * (v ? v.seconds / v.epochs : mean);
    }
    return left / Math.max(1, Math.min(this.jobs, running));
  }

  /** The line printed after an epoch. */
  line(e: EpochReport): string {
    const left = this.add(e);
    const who = e.members > 1 ? `network ${e.member}/${e.members}, ` : '';
    const figures = `loss ${fmt(e.loss)}, dev F1 ${fmt(e.devF1)}, dev PR-AUC ${fmt(e.devPrAuc)}${e.best ? ' (best)' : ''}`;
    const eta = left > 0 ? `at most ${duration(left)} of epochs left` : 'no epochs left';
    return `${who}epoch ${e.epoch}/${e.epochs}: ${figures}; ${duration(e.seconds)}, ${eta}${e.last && e.epoch < e.epochs ? ' (stopped early)' : ''}`;
  }
}
