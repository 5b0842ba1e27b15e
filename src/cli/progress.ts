/** What every progress bar of the CLI shows beside its counts: the rate so far and the time left at that rate. */

/** Rate and time left after `done` of `total` items in `seconds` ("…" until one is done). */
export function progressFigures(done: number, total: number, seconds: number): { rate: string; left: string } {
  if (done === 0 || seconds <= 0) return { rate: '…', left: '…' };
  const rate = done / seconds;
  const left = Math.round((total - done) / rate);
  const text =
    left < 60
      ? `${left}s`
      : left < 3600
        ? `${Math.floor(left / 60)}m ${String(left % 60).padStart(2, '0')}s`
        : `${Math.floor(left / 3600)}h ${String(Math.floor((left % 3600) / 60)).padStart(2, '0')}m`;
  return { rate: rate.toFixed(1), left: text };
}
