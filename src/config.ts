import type { OpenStoreOptions } from './store/db';

/**
 * Where the data lives: PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite in
 * QINGSHOU_DATA_DIR (default ./data).
 */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenStoreOptions {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { dataDir: env.QINGSHOU_DATA_DIR || './data' };
}

export function portFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PORT ?? '3000';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0-65535), got "${raw}"`);
  }
  return port;
}

export const DEMO_PASSWORD = 'qingshou-demo';

/** The collection center's zone: its business day for the nightly batch (QINGSHOU_TIME_ZONE). */
export function centerTimeZoneFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.QINGSHOU_TIME_ZONE || 'Asia/Shanghai';
}

/**
 * The clock: real time, or (QINGSHOU_CLOCK=<ISO instant>) a clock that starts at that instant and runs
 * on from there — for demonstrations, training sessions and end-to-end tests that need "10:00 on a
 * working day" whenever they run. Throws naming the variable when the value is not an instant.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): () => Date {
  const start = env.QINGSHOU_CLOCK;
  if (!start) return () => new Date();
  const at = new Date(start);
  if (Number.isNaN(at.getTime()) || !/T\d{2}:\d{2}/.test(start)) {
    throw new Error(
      `QINGSHOU_CLOCK must be an ISO instant such as 2026-11-24T10:00:00+08:00, got "${start}"`,
    );
  }
  const offset = at.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

/** An OpenAI-compatible chat endpoint that words the simulated debtor's lines (optional). */
export interface LlmConfig {
  /** e.g. http://127.0.0.1:11434/v1; requests go to `${baseUrl}/chat/completions`. */
  baseUrl: string;
  model: string;
  apiKey: string | null;
  timeoutMs: number;
}

/**
 * The training simulator's optional LLM (QINGSHOU_LLM_BASE_URL, QINGSHOU_LLM_MODEL default
 * qwen2.5:7b-instruct, QINGSHOU_LLM_API_KEY, QINGSHOU_LLM_TIMEOUT_MS default 8000); null when no base URL
 * is set (the debtor's lines then come from the offline response bank only). Throws naming the variable
 * for a value that cannot be used.
 */
export function llmConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LlmConfig | null {
  const base = env.QINGSHOU_LLM_BASE_URL?.trim();
  if (!base) return null;
  if (!/^https?:\/\/[^\s]+$/.test(base)) {
    throw new Error(`QINGSHOU_LLM_BASE_URL must be an http(s) URL, got "${base}"`);
  }
  const rawTimeout = env.QINGSHOU_LLM_TIMEOUT_MS?.trim() || '8000';
  const timeoutMs = Number(rawTimeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new Error(`QINGSHOU_LLM_TIMEOUT_MS must be a positive number of milliseconds, got "${rawTimeout}"`);
  }
  return {
    baseUrl: base.replace(/\/+$/, ''),
    model: env.QINGSHOU_LLM_MODEL?.trim() || 'qwen2.5:7b-instruct',
    apiKey: env.QINGSHOU_LLM_API_KEY?.trim() || null,
    timeoutMs,
  };
}
