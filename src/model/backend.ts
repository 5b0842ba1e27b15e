/**
 * The tfjs runtime the model stage uses, and which backend runs it.
 *
 * We import tfjs-core + tfjs-layers + tfjs-backend-cpu rather than the umbrella
 * `@tensorflow/tfjs`: measured on this machine, ~160 ms instead of ~240 ms to
 * import, and the umbrella also pulls webgl and the converter we never use.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ModelError, UsageError } from '../errors.js';

export { tf };
export type * as tfl from '@tensorflow/tfjs-layers';

/** Same names as the scorer's `BackendName`: tfjs-node, WebAssembly, or plain JS. */
export type BackendName = 'node' | 'wasm' | 'cpu';

export const BACKEND_ORDER: readonly BackendName[] = ['node', 'wasm', 'cpu'];

// tfjs prints banners ("install tfjs-node …") and warnings through backend_util.warn,
// which is silent in production mode. Set before any backend is used.
tf.env().set('PROD', true);

const require = createRequire(import.meta.url);

let layersModule: typeof import('@tensorflow/tfjs-layers') | null = null;

/**
 * tfjs-layers, loaded on first use: only training, saving and the layers loader need it.
 * Scoring reads the weights with tfjs-core alone (io.ts readScoringNetwork), which spares
 * every crawler process the ~100 ms import.
 */
export function tfLayers(): typeof import('@tensorflow/tfjs-layers') {
  layersModule ??= require('@tensorflow/tfjs-layers') as typeof import('@tensorflow/tfjs-layers');
  return layersModule;
}
const tried = new Map<BackendName, Promise<boolean>>();
let current: BackendName | null = null;

/** Loads and registers one backend; resolves false (never throws) when it cannot run here. */
function tryRegister(name: BackendName): Promise<boolean> {
  let p = tried.get(name);
  if (!p) {
    p = registerBackend(name).catch(() => false);
    tried.set(name, p);
  }
  return p;
}

async function registerBackend(name: BackendName): Promise<boolean> {
  if (name === 'cpu') return true; // registered by the import above
  if (name === 'node') {
    // tfjs-node is optional: absent, or present with a native binding that fails to load.
    const spec = '@tensorflow/tfjs-node';
    await import(spec);
    return true;
  }
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // Point the loader at the .wasm files shipped in node_modules: no network.
  const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/');
  wasm.setWasmPaths(dist);
  // Threads need workers we do not want in a CLI; one thread per process.
  wasm.setThreadsCount(1);
  return true;
}

function tfName(name: BackendName): string {
  return name === 'node' ? 'tensorflow' : name;
}

// Process-wide handlers a backend may install. The wasm backend's Emscripten loader adds
// ones that rethrow and exit with code 7, taking over the host application's crash handling.
const HOST_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

/** Runs `load`, then removes the HOST_EVENTS handlers added meanwhile: the host process is left as it was. */
async function leavingHostHandlers<T>(load: () => Promise<T>): Promise<T> {
  const host: NodeJS.EventEmitter = process;
  const before = HOST_EVENTS.map((event) => new Set(host.listeners(event)));
  try {
    return await load();
  } finally {
    HOST_EVENTS.forEach((event, i) => {
      for (const listener of host.listeners(event)) if (!before[i].has(listener)) host.off(event, listener as (...args: unknown[]) => void);
    });
  }
}

/**
 * Chooses the backend: `preferred` when given (ModelError if it cannot load),
 * else the first of node → wasm → cpu that loads. Resolves to the name in use.
 * Leaves no process-wide error handlers behind.
 */
export function selectBackend(preferred?: BackendName): Promise<BackendName> {
  return leavingHostHandlers(() => chooseBackend(preferred));
}

async function chooseBackend(preferred?: BackendName): Promise<BackendName> {
  const order = preferred ? [preferred] : BACKEND_ORDER;
  const failed: string[] = [];
  for (const name of order) {
    if (current === name && tf.getBackend() === tfName(name)) return name;
    if (await tryRegister(name)) {
      try {
        if (await tf.setBackend(tfName(name))) {
          await tf.ready();
          current = name;
          return name;
        }
      } catch {
        // fall through to the next backend
      }
    }
    failed.push(name);
  }
  throw new ModelError(null, `tfjs backend ${failed.join(', ')} could not be loaded`);
}

/** The backend in use, or null before selectBackend ran. */
export function currentBackend(): BackendName | null {
  return current;
}

/** Parses a --backend flag value. */
export function parseBackendName(value: string): BackendName {
  if ((BACKEND_ORDER as readonly string[]).includes(value)) return value as BackendName;
  throw new UsageError(`unknown backend '${value}' (use ${BACKEND_ORDER.join(', ')})`);
}
