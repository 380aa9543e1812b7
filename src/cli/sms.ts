import type { Command } from 'commander';
import { clockFromEnv } from '../config';
import { invalid } from '../errors';
import { note, out, positiveInt, withStore } from './shared';

export function registerSmsCommand(program: Command): void {
  const sms = program.command('sms').description('the SMS outbox');
  sms
    .command('dispatch')
    .description(
      'send queued SMS through the contact gate and the gateway of QINGSHOU_SMS_GATEWAY_URL (without one they stay queued)',
    )
    .option('--limit <n>', 'messages to handle at most', positiveInt('--limit'), 100)
    .option('--max-attempts <n>', 'send attempts before a message fails', positiveInt('--max-attempts'), 3)
    .option(
      '--json',
      'print one JSON object: gatewayConfigured, processed, sent, deferred, blocked, failed, queued',
    )
    .action(async (opts: { limit: number; maxAttempts: number; json?: boolean }) => {
      const { gatewayFromEnv } = await import('../services/sms/gateway');
      const { dispatchSms } = await import('../services/sms/dispatch');
      let gateway: ReturnType<typeof gatewayFromEnv>;
      try {
        gateway = gatewayFromEnv(process.env);
      } catch (error) {
        const text = (error as Error).message;
        throw invalid(
          'environment',
          `短信网关配置有误：${text}`,
          `the SMS gateway setting is wrong: ${text}`,
        );
      }
      const now = clockFromEnv()();
      const result = await withStore((store) =>
        dispatchSms(store, { gateway, now, limit: opts.limit, maxAttempts: opts.maxAttempts }),
      );
      if (opts.json) {
        out(JSON.stringify(result));
        return;
      }
      out(result.message);
      out(result.messageEn);
      if (!result.gatewayConfigured)
        note('set QINGSHOU_SMS_GATEWAY_URL to send; see src/services/sms/gateway.ts');
    });
}
