/**
 * `qingshou train`: the collector training simulator in the terminal, no database needed.
 *
 * - `--list [--json]`: the scenario library;
 * - `--scenario ID`: a role-play: the briefing, the debtor's lines, the trainee's lines from standard
 *   input (until the call ends, `/end` or end of input), then the after-call report (zh-CN, or English
 *   with `--lang en`);
 * - `--scenario ID --script FILE|- [--json]`: plays the trainee's lines of a file (one utterance a line,
 *   blank lines skipped) and prints the report, or with `--json` one object: scenario, passed, score,
 *   outcome, findings, turns. The same scenario, seed (default 1), date and lines give the same output.
 *
 * The debtor's lines come from the offline response bank; with QINGSHOU_LLM_BASE_URL set, each line is
 * reworded through that endpoint (services/training/llm.ts). What the debtor does and the grade are the
 * engine's either way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { centerTimeZoneFromEnv, clockFromEnv, type LlmConfig, llmConfigFromEnv } from '../config';
import type { BilingualText } from '../domain/bilingual';
import { isBusinessDate, localDateOf } from '../domain/dates';
import { formatFen } from '../domain/money';
import { invalid } from '../errors';
import {
  CALL_END_NAMES,
  CHANNEL_NAMES,
  DIFFICULTY_NAMES,
  DIMENSION_NAMES,
  MINDSET_NAMES,
  PARTY_NAMES,
  PERSONA_NAMES,
  SITUATION_NAMES,
} from '../training/labels';
import type { EngineSession, Scenario, TrainingReport } from '../training/types';
import { note, out } from './shared';

type Lang = 'zh' | 'en';

interface TrainOptions {
  list?: boolean;
  scenario?: string;
  script?: string;
  seed?: string;
  today?: string;
  lang: string;
  json?: boolean;
}

function t(text: BilingualText | undefined, lang: Lang): string {
  return text ? text[lang] : '';
}

function parseLang(value: string): Lang {
  if (value === 'zh' || value === 'zh-CN') return 'zh';
  if (value === 'en') return 'en';
  throw invalid('--lang', `须为 zh 或 en，收到 ${value}`, `must be zh or en, got ${value}`);
}

function parseSeed(value: string | undefined): number {
  if (value === undefined) return 1;
  const seed = Number(value);
  if (!/^\d+$/u.test(value.trim()) || !Number.isSafeInteger(seed) || seed > 0xffffffff) {
    throw invalid(
      '--seed',
      `须为 0 到 4294967295 之间的整数，收到 ${value}`,
      `must be a whole number from 0 to 4294967295, got ${value}`,
    );
  }
  return seed;
}

/** A setting read from the environment; a value that cannot be used is refused naming the variable. */
function fromEnv<T>(read: () => T, fallbackName: string): T {
  try {
    return read();
  } catch (error) {
    const message = (error as Error).message;
    const variable = /^(QINGSHOU_[A-Z_]+)/u.exec(message)?.[1] ?? fallbackName;
    const reason = message.startsWith(variable) ? message.slice(variable.length).trim() : message;
    throw invalid(variable, reason, reason);
  }
}

function parseToday(value: string | undefined): string {
  if (value === undefined) {
    const now = fromEnv(clockFromEnv, 'QINGSHOU_CLOCK')();
    return localDateOf(now, centerTimeZoneFromEnv());
  }
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(value) || !isBusinessDate(value)) {
    throw invalid(
      '--today',
      `须为有效日期 YYYY-MM-DD，收到 ${value}`,
      `must be a real date YYYY-MM-DD, got ${value}`,
    );
  }
  return value;
}

function readScript(file: string): string[] {
  if (file !== '-' && !existsSync(file)) {
    throw invalid('--script', `找不到文件 ${file}`, `file ${file} does not exist`);
  }
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const reason = (error as Error).message;
    throw invalid('--script', `无法读取 ${file}：${reason}`, `cannot read ${file}: ${reason}`);
  }
  return text
    .replace(/^\uFEFF/u, '')
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

// ——— the debtor's lines through the LLM, when one is configured ———

/** Rewords debtor lines through the LLM; after two transport failures in a row the call goes on offline. */
class Wording {
  private failures = 0;

  constructor(
    private readonly config: LlmConfig | null,
    private readonly scenario: Scenario,
  ) {}

  async reword(session: EngineSession, turnIndex: number): Promise<EngineSession> {
    if (!this.config || this.failures >= 2) return session;
    const { rewordReply } = await import('../services/training/llm');
    const { session: worded, reply } = await rewordReply(this.config, {
      scenario: this.scenario,
      session,
      turnIndex,
    });
    if (reply.llm) {
      this.failures = 0;
      return worded;
    }
    const transport = reply.reason === 'timeout' || /^(network|http) /u.test(reply.reason ?? '');
    this.failures = transport ? this.failures + 1 : 0;
    note(`llm: turn ${turnIndex} worded offline (${reply.reason})`);
    if (this.failures >= 2) note('llm: unreachable, the rest of the call is worded offline');
    return session;
  }
}

async function playLines(
  scenario: Scenario,
  seed: number,
  today: string,
  lines: readonly string[],
  config: LlmConfig | null,
): Promise<EngineSession> {
  const { endCall, playScript, startSession, takeTurn } = await import('../training/engine');
  if (!config) return playScript({ scenario, seed, today }, lines);
  const wording = new Wording(config, scenario);
  let session = startSession({ scenario, seed, today });
  session = await wording.reword(session, session.turns.length - 1);
  for (const line of lines) {
    if (session.ended !== null) break;
    session = takeTurn(session, line).session;
    session = await wording.reword(session, session.turns.length - 1);
  }
  return session.ended === null ? endCall(session, 'script_end') : session;
}

// ——— output ———

function listScenarios(scenarios: readonly Scenario[], json: boolean, lang: Lang): void {
  if (json) {
    out(
      JSON.stringify(
        scenarios.map((s) => ({
          id: s.id,
          title: s.title.zh,
          persona: s.persona.type,
          difficulty: s.difficulty,
        })),
      ),
    );
    return;
  }
  const width = Math.max(2, ...scenarios.map((s) => s.id.length));
  const header = lang === 'zh' ? ['编号', '难度', '性格', '场景'] : ['id', 'difficulty', 'persona', 'title'];
  const rows = scenarios.map((s) => [
    s.id,
    `${s.difficulty} ${t(DIFFICULTY_NAMES[s.difficulty], lang)}`,
    t(PERSONA_NAMES[s.persona.type], lang),
    s.title[lang],
  ]);
  const pad = (text: string, size: number) => text + ' '.repeat(Math.max(0, size - displayWidth(text)));
  const widths = [width, 0, 0].map((min, column) =>
    Math.max(min, displayWidth(header[column] ?? ''), ...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  for (const row of [header, ...rows]) {
    out(
      row.map((cell, column) => (column < widths.length ? pad(cell, widths[column] ?? 0) : cell)).join('  '),
    );
  }
}

/** Terminal columns of a text: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        char,
      )
        ? 2
        : 1;
  }
  return width;
}

function money(fen: number, lang: Lang): string {
  return formatFen(fen, lang === 'zh' ? 'zh-CN' : 'en');
}

function briefing(scenario: Scenario, lang: Lang): string[] {
  const { account } = scenario;
  const zh = lang === 'zh';
  const lines = [
    `${zh ? '【场景】' : '[Scenario] '}${scenario.title[lang]} (${scenario.id} · ${t(DIFFICULTY_NAMES[scenario.difficulty], lang)})`,
    `${zh ? '【背景】' : '[Background] '}${scenario.background[lang]}`,
    `${zh ? '【账户】' : '[Account] '}${[
      `${account.creditor} · ${account.product[lang]}`,
      `${zh ? '客户' : 'customer'} ${account.debtorName}`,
      `${zh ? '欠款余额' : 'balance'} ${money(account.balanceFen, lang)}`,
      `${zh ? '逾期应还' : 'overdue'} ${money(account.overdueFen, lang)}`,
      zh ? `逾期 ${account.daysPastDue} 天` : `${account.daysPastDue} days past due`,
      account.lastPayment
        ? `${zh ? '最近还款' : 'last payment'} ${account.lastPayment.date} ${money(account.lastPayment.amountFen, lang)}`
        : zh
          ? '无最近还款'
          : 'no recent payment',
      zh ? `未兑现承诺 ${account.brokenPromises} 次` : `${account.brokenPromises} broken promises`,
    ].join(' · ')}`,
    `${zh ? '【接听人】' : '[Who answers] '}${t(PARTY_NAMES[scenario.party], lang)}${
      scenario.relation ? ` (${scenario.relation[lang]})` : ''
    }`,
    `${zh ? '【目标】' : '[Goal] '}${scenario.goalText[lang]}`,
  ];
  return lines;
}

function speakerName(scenario: Scenario, speaker: 'trainee' | 'debtor', lang: Lang): string {
  if (speaker === 'debtor') return scenario.persona.name;
  return lang === 'zh' ? '学员' : 'You';
}

function sayLine(scenario: Scenario, speaker: 'trainee' | 'debtor', text: string, lang: Lang): string {
  return `${speakerName(scenario, speaker, lang)}${lang === 'zh' ? '：' : ': '}${text}`;
}

/** The trainee's line number (1-based) of a turn index. */
function traineeLineOf(session: EngineSession, turnIndex: number): number {
  return session.turns.slice(0, turnIndex + 1).filter((turn) => turn.speaker === 'trainee').length;
}

function reportLines(session: EngineSession, report: TrainingReport, lang: Lang): string[] {
  const zh = lang === 'zh';
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  const lines: string[] = [];
  lines.push(zh ? '—— 通话报告 ——' : '—— After-call report ——');
  lines.push(
    zh
      ? `得分 ${report.score}/100 · ${report.passed ? '通过' : '未通过'} ${mark(report.passed)} · 合规 ${mark(report.compliancePassed)} · 目标 ${mark(report.goalMet)}`
      : `Score ${report.score}/100 · ${report.passed ? 'passed' : 'not passed'} ${mark(report.passed)} · compliance ${mark(report.compliancePassed)} · goal ${mark(report.goalMet)}`,
  );
  const { promise, ended } = report.outcome;
  const promiseText = promise
    ? `${money(promise.amount, lang)} · ${promise.date}${
        promise.channel ? ` · ${t(CHANNEL_NAMES[promise.channel], lang) || promise.channel}` : ''
      }`
    : zh
      ? '无'
      : 'none';
  lines.push(
    zh
      ? `结果：${t(CALL_END_NAMES[ended], lang)} · 还款承诺：${promiseText}`
      : `Outcome: ${t(CALL_END_NAMES[ended], lang)} · promise: ${promiseText}`,
  );
  lines.push(zh ? '评分项：' : 'Dimensions:');
  for (const dimension of report.dimensions) {
    lines.push(
      `  ${mark(dimension.passed)} ${t(DIMENSION_NAMES[dimension.dimension], lang)} (${dimension.weight})  ${dimension.note[lang]}`,
    );
  }
  if (report.findings.length > 0) {
    lines.push(zh ? '合规问题：' : 'Compliance findings:');
    for (const finding of report.findings) {
      const where = zh
        ? `第 ${traineeLineOf(session, finding.turn)} 句`
        : `line ${traineeLineOf(session, finding.turn)}`;
      lines.push(
        `  ${finding.severity === 'error' ? '✗' : '!'} ${where} [${finding.category} · ${finding.rule}] “${finding.quote}”`,
      );
      if (finding.explanation[lang]) lines.push(`    ${finding.explanation[lang]}`);
      if (finding.alternative) {
        lines.push(zh ? `    更好的说法：${finding.alternative}` : `    Better: ${finding.alternative}`);
      }
    }
  } else {
    lines.push(zh ? '合规问题：无' : 'Compliance findings: none');
  }
  const { persona } = report;
  lines.push(
    zh
      ? `客户画像：${t(PERSONA_NAMES[persona.type], lang)} · ${t(MINDSET_NAMES[persona.mindset], lang)} · ${t(SITUATION_NAMES[persona.situation], lang)}`
      : `The customer: ${t(PERSONA_NAMES[persona.type], lang)} · ${t(MINDSET_NAMES[persona.mindset], lang)} · ${t(SITUATION_NAMES[persona.situation], lang)}`,
  );
  lines.push(`  ${persona.coaching[lang]}`);
  return lines;
}

function jsonResult(session: EngineSession, report: TrainingReport) {
  const { promise, ended } = report.outcome;
  return {
    scenario: report.scenarioId,
    passed: report.passed,
    score: report.score,
    outcome: { promise: promise ? { amount: promise.amount, date: promise.date } : null, ended },
    findings: report.findings,
    turns: session.turns.map((turn) => ({ speaker: turn.speaker, text: turn.text })),
  };
}

// ——— the interactive call ———

async function playInteractive(
  scenario: Scenario,
  seed: number,
  today: string,
  lang: Lang,
  config: LlmConfig | null,
): Promise<EngineSession> {
  const { endCall, startSession, takeTurn } = await import('../training/engine');
  const zh = lang === 'zh';
  const wording = new Wording(config, scenario);
  for (const line of briefing(scenario, lang)) out(line);
  out(
    zh
      ? `输入你要说的话，回车发送；输入 /end 挂断。（${today}）`
      : `Type what you say and press Enter; /end hangs up. (${today})`,
  );
  out('');
  let session = startSession({ scenario, seed, today });
  session = await wording.reword(session, session.turns.length - 1);
  out(sayLine(scenario, 'debtor', session.turns[session.turns.length - 1]?.text ?? '', lang));

  const tty = Boolean(process.stdin.isTTY);
  const rl = createInterface({
    input: process.stdin,
    output: tty ? process.stdout : undefined,
    terminal: tty,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  rl.on('SIGINT', () => rl.close());
  rl.setPrompt(`${speakerName(scenario, 'trainee', lang)}${zh ? '：' : ': '}`);
  if (tty) rl.prompt();
  let hungUp = false;
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '') {
      if (tty) rl.prompt();
      continue;
    }
    if (line === '/end') {
      hungUp = true;
      break;
    }
    const turn = takeTurn(session, line);
    session = await wording.reword(turn.session, turn.session.turns.length - 1);
    out(sayLine(scenario, 'debtor', session.turns[session.turns.length - 1]?.text ?? '', lang));
    if (turn.hint) out(`  ${zh ? '提示' : 'Hint'}${zh ? '：' : ': '}${turn.hint[lang]}`);
    if (session.ended !== null) break;
    if (tty) rl.prompt();
  }
  rl.close();
  process.stdin.pause();
  out('');
  if (session.ended === null) session = endCall(session, hungUp ? 'hang_up' : 'script_end');
  return session;
}

// ——— the command ———

export function registerTrainCommand(program: Command): void {
  program
    .command('train')
    .description(
      'collector training: list the scenarios, play one in the terminal, or play a script of trainee lines and grade it',
    )
    .option('--list', 'list the scenarios')
    .option('--scenario <id>', 'the scenario to play (see --list)')
    .option('--script <file>', 'the trainee lines, one utterance a line; - for standard input')
    .option('--seed <n>', "the debtor's random seed: the same seed gives the same dialogue (default 1)")
    .option('--today <date>', 'the date of the call YYYY-MM-DD (default today in QINGSHOU_TIME_ZONE)')
    .option('--lang <lang>', 'language of the briefing and the report: zh or en', 'zh')
    .option('--json', 'print JSON (the list, or the graded script as one object)')
    .action(async (opts: TrainOptions) => {
      const lang = parseLang(opts.lang);
      const { SCENARIOS, findScenario } = await import('../training/scenarios');
      if (opts.list) {
        listScenarios(SCENARIOS, Boolean(opts.json), lang);
        return;
      }
      if (opts.scenario === undefined) {
        throw invalid(
          '--scenario',
          '缺少场景编号（用 qingshou train --list 查看）',
          'is required (qingshou train --list shows them)',
        );
      }
      const scenario = findScenario(opts.scenario);
      if (!scenario) {
        throw invalid(
          '--scenario',
          `没有场景 ${opts.scenario}（用 qingshou train --list 查看）`,
          `no scenario ${opts.scenario} (qingshou train --list shows them)`,
        );
      }
      const seed = parseSeed(opts.seed);
      const today = parseToday(opts.today);
      const config = fromEnv(llmConfigFromEnv, 'QINGSHOU_LLM_BASE_URL');
      const lines = opts.script !== undefined ? readScript(opts.script) : opts.json ? readScript('-') : null;
      const { gradeSession } = await import('../training/grading');

      if (lines === null) {
        const session = await playInteractive(scenario, seed, today, lang, config);
        for (const line of reportLines(session, gradeSession(session, scenario), lang)) {
          out(line);
        }
        return;
      }
      const session = await playLines(scenario, seed, today, lines, config);
      const report = gradeSession(session, scenario);
      if (opts.json) {
        out(JSON.stringify(jsonResult(session, report)));
        return;
      }
      for (const line of briefing(scenario, lang)) out(line);
      out('');
      for (const turn of session.turns) out(sayLine(scenario, turn.speaker, turn.text, lang));
      out('');
      for (const line of reportLines(session, report, lang)) out(line);
    });
}
