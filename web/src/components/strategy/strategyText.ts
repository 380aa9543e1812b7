/** How a strategy's conditions, plans and escalations read on screen (from the page's message file). */
import type { TFunction } from 'i18next';
import type { ActionPlan, Escalation, SegmentCondition, SmsTemplateChoice } from '../../api/strategy';
import { formatFen } from '../../lib/format';

export interface ConditionLine {
  key: 'buckets' | 'classes' | 'riskLevels' | 'balance';
  label: string;
  values: string[];
}

export function isCatchAll(when: SegmentCondition): boolean {
  return (
    when.buckets === null &&
    when.classes === null &&
    when.riskLevels === null &&
    when.balanceMinFen === null &&
    when.balanceMaxFen === null
  );
}

export function classLabel(t: TFunction, value: number): string {
  return t(`strategy.class.${value}`);
}

export function balanceText(t: TFunction, minFen: number | null, maxFen: number | null): string {
  if (minFen !== null && maxFen !== null)
    return t('strategy.when.balanceBetween', { min: formatFen(minFen), max: formatFen(maxFen) });
  if (minFen !== null) return t('strategy.when.balanceFrom', { amount: formatFen(minFen) });
  if (maxFen !== null) return t('strategy.when.balanceBelow', { amount: formatFen(maxFen) });
  return t('strategy.when.any');
}

/** The conditions a segment sets (none for the catch-all). */
export function conditionLines(t: TFunction, when: SegmentCondition): ConditionLine[] {
  const lines: ConditionLine[] = [];
  if (when.buckets) lines.push({ key: 'buckets', label: t('strategy.when.buckets'), values: when.buckets });
  if (when.classes)
    lines.push({
      key: 'classes',
      label: t('strategy.when.classes'),
      values: when.classes.map((c) => classLabel(t, c)),
    });
  if (when.riskLevels)
    lines.push({
      key: 'riskLevels',
      label: t('strategy.when.riskLevels'),
      values: when.riskLevels.map((r) => t(`strategy.risk.${r}`)),
    });
  if (when.balanceMinFen !== null || when.balanceMaxFen !== null)
    lines.push({
      key: 'balance',
      label: t('strategy.when.balance'),
      values: [balanceText(t, when.balanceMinFen, when.balanceMaxFen)],
    });
  return lines;
}

export function templateName(
  t: TFunction,
  templates: readonly SmsTemplateChoice[],
  familyId: string,
): string {
  return templates.find((tpl) => tpl.familyId === familyId)?.name ?? t('strategy.plan.templateMissing');
}

/** The plan's lines: cadences, SMS template, script stage. */
export function planLines(t: TFunction, plan: ActionPlan, templates: readonly SmsTemplateChoice[]): string[] {
  const lines: string[] = [];
  if (plan.callEveryDays !== null) lines.push(t('strategy.plan.callEvery', { n: plan.callEveryDays }));
  if (plan.sms)
    lines.push(
      `${t('strategy.plan.smsEvery', { n: plan.sms.everyDays })} · ${templateName(t, templates, plan.sms.templateFamilyId)}`,
    );
  lines.push(t('strategy.plan.script', { stage: plan.scriptStage ?? t('strategy.plan.scriptBucket') }));
  return lines;
}

export function escalationText(t: TFunction, e: Escalation): { action: string; trigger: string } {
  const parts: string[] = [];
  if (e.afterBrokenPromises !== null)
    parts.push(t('strategy.escalation.afterBroken', { count: e.afterBrokenPromises }));
  if (e.afterDaysPastDue !== null) parts.push(t('strategy.escalation.afterDays', { n: e.afterDaysPastDue }));
  return { action: t(`strategy.action.${e.action}`), trigger: parts.join(t('strategy.escalation.or')) };
}

export const CHANNEL_COLORS: Record<string, string> = {
  call: 'blue',
  sms: 'cyan',
  letter: 'purple',
  visit: 'orange',
};

export const ACTION_COLORS: Record<string, string> = {
  letter: 'purple',
  visit: 'orange',
  agency: 'gold',
  legal: 'red',
};

export const STATUS_COLORS: Record<string, string> = {
  draft: 'gold',
  active: 'green',
  retired: 'default',
};

export const CHANGE_COLORS: Record<string, string> = {
  added: 'green',
  removed: 'red',
  moved: 'blue',
  changed: 'orange',
};
