/** A worker thread that fits ensemble members (member-pool.ts) and sends their weights back. */
import { parentPort, workerData } from 'node:worker_threads';
import { parseBackendName, selectBackend } from './backend.js';
import { fitMember, TrainingInterrupted } from './fit-member.js';
import type { MemberMessage, MemberWorkerData } from './member-pool.js';

const port = parentPort;
const job = workerData as MemberWorkerData;
const send = (msg: MemberMessage, transfer: ArrayBuffer[] = []) => port?.postMessage(msg, transfer);

async function run(): Promise<void> {
  await selectBackend(parseBackendName(job.backend));
  for (const task of job.tasks) {
    const { model, epochsRun } = await fitMember(job.data, job.settings, task.seed, task.member, {
      onEpoch: (epoch) => send({ epoch }),
      onBatch: job.reportBatches ? (done, total) => send({ batch: [done, total] }) : undefined,
      shouldStop: () => Atomics.load(job.stop, 0) === 1,
    });
    const weights = model.getWeights().map((t) => ({ shape: t.shape, values: Float32Array.from(t.dataSync()) }));
    model.dispose();
    send({ fitted: { member: task.member, epochsRun, weights } }, weights.map((w) => w.values.buffer as ArrayBuffer));
  }
}

run().then(
  () => port?.close(),
  (err: unknown) => {
    send(err instanceof TrainingInterrupted ? { interrupted: true } : { error: err instanceof Error ? err.message : String(err) });
    port?.close();
  },
);
