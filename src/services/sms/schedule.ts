/**
 * The SMS dispatcher inside the server: once a minute, one run (dispatch.ts), only when a gateway is
 * configured (without one there is nothing to do: the outbox already says why messages wait). Several
 * nodes may run it: rows are claimed with FOR UPDATE SKIP LOCKED, so no message goes out twice.
 */
import type { Store } from '../../store/db';
import { dispatchSms } from './dispatch';
import { gatewayFromEnv, type SmsGateway } from './gateway';

export interface SmsSchedule {
  gateway: SmsGateway;
  stop(): void;
}

export interface SmsScheduleOptions {
  gateway: SmsGateway;
  now?: () => Date;
  intervalMs?: number;
  limit?: number;
  maxAttempts?: number;
  /** Called with each run that did something, and with failures (logging). */
  onRun?: (message: string) => void;
}

export function scheduleSmsDispatch(store: Store, options: SmsScheduleOptions): SmsSchedule {
  const now = options.now ?? (() => new Date());
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const result = await dispatchSms(store, {
        gateway: options.gateway,
        now: now(),
        ...(options.limit === undefined ? {} : { limit: options.limit }),
        ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
      });
      if (result.processed > 0) options.onRun?.(`sms dispatch: ${result.messageEn}`);
    } catch (error) {
      options.onRun?.(`sms dispatch failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 60_000);
  timer.unref();
  void tick();
  return { gateway: options.gateway, stop: () => clearInterval(timer) };
}

/**
 * The server's SMS schedule from the environment: null when QINGSHOU_NO_SMS=1 or no gateway is
 * configured (QINGSHOU_SMS_GATEWAY_URL, see gateway.ts). A malformed gateway setting throws.
 */
export function startSmsSchedule(
  store: Store,
  options: { env?: NodeJS.ProcessEnv; now?: () => Date; onRun?: (message: string) => void } = {},
): SmsSchedule | null {
  const env = options.env ?? process.env;
  if (env.QINGSHOU_NO_SMS === '1') return null;
  const gateway = gatewayFromEnv(env);
  if (!gateway) {
    options.onRun?.('sms: no gateway configured (QINGSHOU_SMS_GATEWAY_URL); messages stay queued');
    return null;
  }
  options.onRun?.(`sms: dispatching every minute through ${gateway.name}`);
  return scheduleSmsDispatch(store, {
    gateway,
    ...(options.now ? { now: options.now } : {}),
    ...(options.onRun ? { onRun: options.onRun } : {}),
  });
}
