import type { Command } from 'commander';
import type { BucketRange } from '../domain/aging';
import { invalid } from '../errors';
import { systemActor } from '../services/actor';
import { cliActor, out, positiveInt, withStore } from './shared';

/** 'M0:0-0,M1:1-30,M2:31-60,M3:61-90,M3+:91-' → bucket ranges (validated by the service). */
export function parseBuckets(spec: string): BucketRange[] {
  return spec.split(',').map((part) => {
    const m = /^\s*([^:\s]+)\s*:\s*(\d+)\s*-\s*(\d*)\s*$/.exec(part);
    if (!m) {
      throw invalid(
        '--buckets',
        `无法解析“${part}”，格式如 M1:1-30`,
        `cannot read "${part}"; write e.g. M1:1-30`,
      );
    }
    return { code: m[1] as string, minDays: Number(m[2]), maxDays: m[3] === '' ? null : Number(m[3]) };
  });
}

export function registerPortfolioCommands(program: Command): void {
  const portfolio = program.command('portfolio').description('portfolios (creditor / product line)');
  portfolio
    .command('add')
    .argument('<code>', 'short code, e.g. CMB-CC')
    .requiredOption('--name <name>', 'display name')
    .option('--profile <profile>', 'compliance profile: cn-cba or us-regf', 'cn-cba')
    .option('--creditor <creditor>', 'creditor name')
    .option(
      '--product-line <line>',
      'credit_card, consumer_loan, auto_loan, mortgage or other',
      'credit_card',
    )
    .option('--time-zone <tz>', 'IANA time zone of the portfolio', 'Asia/Shanghai')
    .option('--buckets <spec>', 'bucket ranges, e.g. M0:0-0,M1:1-30,M2:31-60,M3:61-90,M3+:91-')
    .option('--json', 'print the portfolio as JSON')
    .description('create a portfolio')
    .action(async (code: string, opts) => {
      const { createPortfolio } = await import('../services/portfolios');
      await withStore(async (store) => {
        const created = await createPortfolio(store, cliActor(), {
          code,
          name: opts.name,
          complianceProfile: opts.profile,
          creditor: opts.creditor,
          productLine: opts.productLine,
          timeZone: opts.timeZone,
          buckets: opts.buckets ? parseBuckets(opts.buckets) : undefined,
        });
        if (opts.json) out(JSON.stringify(created));
        else out(`created portfolio ${created.code} (${created.name}), profile ${created.complianceProfile}`);
      });
    });
  portfolio
    .command('list')
    .option('--json', 'print JSON')
    .description('list portfolios with open cases per bucket')
    .action(async (opts) => {
      const { listPortfolios } = await import('../services/portfolios');
      await withStore(async (store) => {
        const list = await listPortfolios(store, systemActor());
        if (opts.json) {
          out(JSON.stringify(list));
          return;
        }
        for (const p of list) {
          const buckets = p.byBucket.map((b) => `${b.bucket} ${b.cases}`).join('  ');
          out(`${p.code}\t${p.name}\t${p.complianceProfile}\topen ${p.openCases}\t${buckets}`);
        }
      });
    });
  portfolio
    .command('allocation')
    .argument('<code>', 'portfolio code')
    .option('--order <components>', 'e.g. penalty,interest,fees,principal (each of the four once)')
    .option('--default', 'back to fees,penalty,interest,principal')
    .description(
      "set the order in which a portfolio's payments pay off fees, penalty, interest and principal (audited)",
    )
    .action(async (code: string, opts: { order?: string; default?: boolean }) => {
      if (!opts.order && !opts.default) {
        throw invalid('--order', '须给出 --order 或 --default', 'give --order or --default');
      }
      const { setAllocationOrder } = await import('../services/portfolios');
      const order = opts.default ? null : (opts.order as string).split(',').map((part) => part.trim());
      const applied = await withStore((store) => setAllocationOrder(store, cliActor(), code, order));
      out(`allocation order of ${code}: ${applied.join(' → ')}`);
    });

  portfolio
    .command('certification')
    .argument('<code>', 'portfolio code')
    .option('--required', 'only training-certified collectors get its cases and may contact')
    .option('--not-required', 'no certification needed')
    .description('whether a portfolio requires the training certification (培训认证; audited)')
    .action(async (code: string, opts: { required?: boolean; notRequired?: boolean }) => {
      if (Boolean(opts.required) === Boolean(opts.notRequired)) {
        throw invalid(
          '--required',
          '须给出 --required 或 --not-required 之一',
          'give one of --required or --not-required',
        );
      }
      const { setCertificationRequired } = await import('../services/portfolios');
      const result = await withStore((store) =>
        setCertificationRequired(store, cliActor(), code, Boolean(opts.required)),
      );
      out(
        `${code}: ${result.requireCertification ? 'certification required (需培训认证)' : 'no certification required (无需培训认证)'}`,
      );
    });

  portfolio
    .command('rules')
    .argument('<code>', 'portfolio code')
    .option('--source <text>', 'the house rule these come from, e.g. "卡中心催收管理办法 2026 第4.2条"')
    .option('--day-start <HH:MM>', 'first minute of the contact window (not earlier than the profile)')
    .option('--day-end <HH:MM>', 'end of the contact window, exclusive (not later than the profile)')
    .option('--holidays-closed', 'no contact on Chinese statutory holidays')
    .option(
      '--max-unanswered <n>',
      'unanswered calls per number per day (not more than the profile)',
      positiveInt('--max-unanswered'),
    )
    .option(
      '--max-connected <n>',
      'connected calls per person per day (not more than the profile)',
      positiveInt('--max-connected'),
    )
    .option('--clear', 'remove the house rules: the profile alone applies')
    .description("set a portfolio's house rules: its compliance profile made stricter (audited)")
    .action(
      async (
        code: string,
        opts: {
          source?: string;
          dayStart?: string;
          dayEnd?: string;
          holidaysClosed?: boolean;
          maxUnanswered?: number;
          maxConnected?: number;
          clear?: boolean;
        },
      ) => {
        const { setHouseOverrides } = await import('../services/house-rules');
        const overrides = opts.clear
          ? null
          : {
              source: opts.source ?? '',
              ...(opts.dayStart ? { dayStart: opts.dayStart } : {}),
              ...(opts.dayEnd ? { dayEnd: opts.dayEnd } : {}),
              ...(opts.holidaysClosed ? { noContactOnStatutoryHolidays: true } : {}),
              ...(opts.maxUnanswered ? { dailyUnansweredCallsPerNumber: opts.maxUnanswered } : {}),
              ...(opts.maxConnected ? { dailyConnectedCallsPerPerson: opts.maxConnected } : {}),
            };
        await withStore(async (store) => {
          await setHouseOverrides(store, cliActor(), code, overrides);
          out(
            overrides
              ? `house rules of ${code} set: ${JSON.stringify(overrides)}`
              : `house rules of ${code} cleared`,
          );
        });
      },
    );
}
