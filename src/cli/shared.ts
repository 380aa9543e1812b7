import { InvalidArgumentError } from 'commander';
import { storeOptionsFromEnv } from '../config';
import { systemActor } from '../services/actor';
import type { Store } from '../store/db';

export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0)
      throw new InvalidArgumentError(`${name} must be a positive whole number`);
    return n;
  };
}

/** Opens the configured database, migrates it, runs fn and closes it again. */
export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  // Loaded here, not at the top: `qingshou --help` and argument errors stay instant.
  const { openStore } = await import('../store/db');
  const { prepareDatabase } = await import('../services/setup');
  const store = await openStore(storeOptionsFromEnv());
  try {
    await prepareDatabase(store);
    return await fn(store);
  } finally {
    await store.close();
  }
}

export const cliActor = () => systemActor(`cli:${process.env.USER ?? 'operator'}`);

export function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function note(line: string): void {
  process.stderr.write(`${line}\n`);
}
