/** `seospam train`'s epoch line: each epoch's time and the time of the epochs left. */
import { describe, expect, it } from 'vitest';
import type { EpochReport } from '../../src/model/train.js';
import { duration, EpochClock } from '../../src/cli/train-progress.js';

function epoch(member: number, n: number, seconds: number, more: Partial<EpochReport> = {}): EpochReport {
  return { epoch: n, epochs: 10, loss: 0.25, devF1: 0.9, devPrAuc: 0.95, best: false, member, members: 1, seconds, last: false, ...more };
}

describe('EpochClock', () => {
  it("prints the epoch's time and the time left at the network's mean epoch time", () => {
    const clock = new EpochClock(1);
    expect(clock.line(epoch(1, 1, 30, { best: true }))).toBe(
      'epoch 1/10: loss 0.2500, dev F1 0.9000, dev PR-AUC 0.9500 (best); 30 s, at most 4.5 min of epochs left',
    );
    // Mean of 30 s and 50 s, 8 epochs left.
    expect(clock.line(epoch(1, 2, 50))).toBe('epoch 2/10: loss 0.2500, dev F1 0.9000, dev PR-AUC 0.9500; 50 s, at most 5.3 min of epochs left');
  });

  it('counts networks not started yet at the mean epoch time, and divides by the networks fitted at once', () => {
    const two = { members: 2 };
    // One job: 9 epochs of network 1 and 10 of network 2 at 60 s.
    expect(new EpochClock(1).add(epoch(1, 1, 60, two))).toBe(19 * 60);
    // Two jobs: both networks run at once.
    const clock = new EpochClock(2);
    clock.add(epoch(1, 1, 60, two));
    expect(clock.add(epoch(2, 1, 120, two))).toBe((9 * 60 + 9 * 120) / 2);
  });

  it('drops a network that stopped early, and says so', () => {
    const clock = new EpochClock(2);
    const two = { members: 2 };
    clock.add(epoch(1, 1, 60, two));
    clock.add(epoch(2, 1, 60, two));
    const line = clock.line(epoch(1, 2, 60, { ...two, last: true }));
    expect(line).toMatch(/^network 1\/2, epoch 2\/10: .*; 60 s, at most 9.0 min of epochs left \(stopped early\)$/);
    expect(clock.line(epoch(2, 10, 60, { ...two, last: true }))).toMatch(/; 60 s, no epochs left$/);
  });

  it('starts counting again when a network starts a new fit (train --cv fits each fold, then the model)', () => {
    const clock = new EpochClock(1);
    for (let n = 1; n <= 10; n++) clock.add(epoch(1, n, 10));
    // The next fold's first epoch: nine epochs of 20 s left, not none.
    expect(clock.add(epoch(1, 1, 20))).toBe(180);
  });

  it('writes durations in seconds, minutes or hours', () => {
    expect(duration(4.4)).toBe('4 s');
    expect(duration(600)).toBe('10.0 min');
    expect(duration(3 * 3600)).toBe('3.0 h');
  });
});
