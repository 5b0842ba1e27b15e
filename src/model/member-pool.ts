/**
 * Fits the members of an ensemble at once, each in a worker thread (member-worker.ts): the
 * machine's cores train networks side by side instead of one after another. The training
 * blocks live in shared memory, so workers read them without a copy; each worker sends back
 * its networks' weights, and this thread rebuilds them as layers models.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { currentBackend, tf } from './backend.js';
import { TrainingInterrupted, type EpochReport, type FittedMember, type TrainHooks, type TrainingData } from './fit-member.js';
import { buildNetwork } from './network.js';
import type { TrainSettings } from './train.js';

/** One network to fit: its seed and its 1-based place in the ensemble. */
export interface MemberTask {
  seed: number;
  member: number;
}

/** What a member worker starts with. */
export interface MemberWorkerData {
  data: TrainingData;
  /** TrainSettings without functions (all of it is plain data). */
  settings: TrainSettings;
  tasks: MemberTask[];
  backend: string;
  /** stop[0] = 1 asks the worker to stop between batches. */
  stop: Int32Array;
  /** Whether this worker reports batch progress (one worker does, for one progress bar). */
  reportBatches: boolean;
}

/** A layer weight as sent between threads. */
export interface SentWeight {
  shape: number[];
  values: Float32Array;
}

export type MemberMessage =
  | { epoch: EpochReport }
  | { batch: [number, number] }
  | { fitted: { member: number; epochsRun: number; weights: SentWeight[] } }
  | { interrupted: true }
  | { error: string };

/** The compiled worker script (tests run TypeScript sources, so point them at dist/). */
function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts')
    ? here.replace(/[\\/]src[\\/]model[\\/]member-pool\.ts$/, '/dist/model/member-worker.js')
    : here.replace(/member-pool\.js$/, 'member-worker.js');
}

/** Fits settings.members networks from seeds settings.seed, … in `jobs` worker threads; members in seed order. */
export async function fitMembersInWorkers(data: TrainingData, settings: TrainSettings, jobs: number, hooks: TrainHooks): Promise<FittedMember[]> {
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const tasks: MemberTask[][] = Array.from({ length: jobs }, () => []);
  for (let k = 0; k < settings.members; k++) tasks[k % jobs]!.push({ seed: settings.seed + k, member: k + 1 });
  const fitted: Array<FittedMember | undefined> = new Array(settings.members);
  const watch = setInterval(() => {
    if (hooks.shouldStop?.()) Atomics.store(stop, 0, 1);
  }, 50);
  const workers: Worker[] = [];
  try {
    await Promise.all(
      tasks.map(
        (own, w) =>
          new Promise<void>((resolve, reject) => {
            const workerData: MemberWorkerData = { data, settings, tasks: own, backend: currentBackend() ?? 'cpu', stop, reportBatches: w === 0 };
            const worker = new Worker(workerScript(), { workerData });
            workers.push(worker);
            let done = false;
            const fail = (err: Error) => {
              if (done) return;
              done = true;
              Atomics.store(stop, 0, 1);
              reject(err);
            };
            worker.on('message', (msg: MemberMessage) => {
              if ('epoch' in msg) hooks.onEpoch?.(msg.epoch);
              else if ('batch' in msg) hooks.onBatch?.(msg.batch[0], msg.batch[1]);
              else if ('fitted' in msg) {
                const { member, epochsRun, weights } = msg.fitted;
                const model = buildNetwork(data.network, data.width, settings.seed + member - 1);
                const tensors = weights.map((x) => tf.tensor(x.values, x.shape));
                model.setWeights(tensors);
                tensors.forEach((t) => t.dispose());
                fitted[member - 1] = { model, epochsRun };
                // Done when this worker's last network has arrived (not at its exit, which may come later).
                if (!done && own.every((t) => fitted[t.member - 1] !== undefined)) {
                  done = true;
                  resolve();
                }
              } else if ('interrupted' in msg) fail(new TrainingInterrupted());
              else if ('error' in msg) fail(new Error(`training network in a worker: ${msg.error}`));
            });
            worker.on('error', (err) => fail(err));
            worker.on('exit', (code) => fail(new Error(`a training worker exited (code ${code}) before its networks were fitted`)));
          }),
      ),
    );
  } catch (err) {
    fitted.forEach((f) => f?.model.dispose());
    throw err;
  } finally {
    clearInterval(watch);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return fitted as FittedMember[];
}
