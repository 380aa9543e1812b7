import { describe, expect, it } from 'vitest';
import { clockFromEnv, llmConfigFromEnv } from './config';

describe('clockFromEnv', () => {
  it('is real time without QINGSHOU_CLOCK', () => {
    const before = Date.now();
    const now = clockFromEnv({})().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now - Date.now()).toBeLessThanOrEqual(0);
  });

  it('starts at QINGSHOU_CLOCK and runs on from there', async () => {
    const clock = clockFromEnv({ QINGSHOU_CLOCK: '2026-11-24T10:00:00+08:00' });
    const first = clock().getTime();
    expect(Math.abs(first - Date.parse('2026-11-24T02:00:00Z'))).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clock().getTime()).toBeGreaterThan(first);
  });

  it('refuses a value that is not an instant, naming the variable', () => {
    expect(() => clockFromEnv({ QINGSHOU_CLOCK: 'tomorrow' })).toThrow(/QINGSHOU_CLOCK/);
    expect(() => clockFromEnv({ QINGSHOU_CLOCK: '2026-11-24' })).toThrow(/QINGSHOU_CLOCK/);
  });
});

describe('llmConfigFromEnv', () => {
  it('is off without a base URL and fills the defaults', () => {
    expect(llmConfigFromEnv({})).toBeNull();
    expect(llmConfigFromEnv({ QINGSHOU_LLM_BASE_URL: 'http://127.0.0.1:11434/v1/' })).toEqual({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'qwen2.5:7b-instruct',
      apiKey: null,
      timeoutMs: 8000,
    });
    expect(
      llmConfigFromEnv({
        QINGSHOU_LLM_BASE_URL: 'https://llm.example/v1',
        QINGSHOU_LLM_MODEL: 'qwen-max',
        QINGSHOU_LLM_API_KEY: 'k',
        QINGSHOU_LLM_TIMEOUT_MS: '1500',
      }),
    ).toEqual({ baseUrl: 'https://llm.example/v1', model: 'qwen-max', apiKey: 'k', timeoutMs: 1500 });
  });

  it('names the variable of a value it cannot use', () => {
    expect(() => llmConfigFromEnv({ QINGSHOU_LLM_BASE_URL: 'localhost:11434' })).toThrow(
      /QINGSHOU_LLM_BASE_URL/,
    );
    expect(() =>
      llmConfigFromEnv({ QINGSHOU_LLM_BASE_URL: 'http://x/v1', QINGSHOU_LLM_TIMEOUT_MS: 'soon' }),
    ).toThrow(/QINGSHOU_LLM_TIMEOUT_MS/);
  });
});
