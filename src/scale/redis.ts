/**
 * Redis connections for the queue mode (node-redis, which BullMQ drives directly).
 */
import { createClient } from 'redis';
import { describeError, InputError, UsageError } from '../errors.js';

export type RedisClient = ReturnType<typeof createClient>;

/** Checks a redis:// or rediss:// URL; throws UsageError naming it otherwise. */
export function checkRedisUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--redis ${url}: not a URL (expected redis://host:port)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new UsageError(`--redis ${url}: expected a redis:// or rediss:// URL`);
  }
  return parsed;
}

/**
 * Connects to Redis. The first connection gives up after a few tries with an
 * InputError naming the URL; once connected, the client reconnects for ever.
 */
export async function connectRedis(url: string): Promise<RedisClient> {
  checkRedisUrl(url);
  let connected = false;
  let lastError = '';
  const client = createClient({
    url,
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (retries: number, cause: Error) => {
        lastError = describeError(cause);
        if (!connected && retries >= 4) return new Error(lastError);
        return Math.min(100 * 2 ** retries, 5000);
      },
    },
  });
  client.on('error', (err: unknown) => {
    lastError = describeError(err);
  });
  client.on('ready', () => {
    connected = true;
  });
  try {
    await client.connect();
  } catch (err) {
    throw new InputError(url, `cannot connect to Redis: ${lastError || describeError(err)}`);
  }
  return client;
}

/** Closes a client, ignoring a connection that is already gone. */
export async function closeRedis(client: RedisClient): Promise<void> {
  try {
    if (client.isOpen) await client.close();
  } catch {
    client.destroy();
  }
}
