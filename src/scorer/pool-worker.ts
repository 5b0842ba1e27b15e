/** One pool worker: loads the model once, then scores the pages it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '../errors.js';
import { loadScorer, type LoadScorerOptions } from './index.js';
import type { PoolReply, PoolRequest } from './pool.js';

const port = parentPort!;
const send = (msg: PoolReply): void => port.postMessage(msg);

loadScorer(workerData as LoadScorerOptions).then(
  (scorer) => {
    port.on('message', (req: PoolRequest) => {
      try {
        send({ id: req.id, result: scorer.score(req.content, req.options) });
      } catch (err) {
        send({ id: req.id, fatal: describeError(err) });
      }
    });
    send({ ready: true });
  },
  (err: unknown) => send({ loadError: describeError(err) }),
);
