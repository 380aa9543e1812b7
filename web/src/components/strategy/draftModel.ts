/**
 * The draft as the editor holds it: lists empty for "any", the balance band in yuan, the SMS settings
 * kept while SMS is switched off, and a client-side id per segment and escalation so that problems the
 * server names by position stay with their field while segments move. `toDefinition` turns it back into
 * the definition the server checks (fen, null for "any").
 */
import type { Escalation, Segment, StrategyDefinition, StrategyProblem } from '../../api/strategy';

export interface EditableEscalation {
  uid: string;
  id: string;
  action: Escalation['action'];
  afterBrokenPromises: number | null;
  afterDaysPastDue: number | null;
}

export interface EditableSegment {
  uid: string;
  key: string;
  nameZh: string;
  nameEn: string;
  buckets: string[];
  classes: number[];
  riskLevels: string[];
  balanceMinYuan: number | null;
  balanceMaxYuan: number | null;
  channels: string[];
  callEveryDays: number | null;
  smsTemplateFamilyId: string | null;
  smsEveryDays: number | null;
  scriptStage: string | null;
  escalations: EditableEscalation[];
}

let counter = 0;
export function newUid(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}`;
}

/** Fen → yuan for the form (exact for any fen amount: two decimals). */
export function fenToYuan(fen: number | null): number | null {
  return fen === null ? null : fen / 100;
}

/** Yuan → whole fen (the form allows two decimals). */
export function yuanToFen(yuan: number | null | undefined): number | null {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return null;
  return Math.round(yuan * 100);
}

export function toEditable(segment: Segment): EditableSegment {
  return {
    uid: newUid('s'),
    key: segment.key,
    nameZh: segment.name.zh,
    nameEn: segment.name.en,
    buckets: segment.when.buckets ? [...segment.when.buckets] : [],
    classes: segment.when.classes ? [...segment.when.classes] : [],
    riskLevels: segment.when.riskLevels ? [...segment.when.riskLevels] : [],
    balanceMinYuan: fenToYuan(segment.when.balanceMinFen),
    balanceMaxYuan: fenToYuan(segment.when.balanceMaxFen),
    channels: [...segment.plan.channels],
    callEveryDays: segment.plan.callEveryDays,
    smsTemplateFamilyId: segment.plan.sms?.templateFamilyId ?? null,
    smsEveryDays: segment.plan.sms?.everyDays ?? null,
    scriptStage: segment.plan.scriptStage,
    escalations: segment.plan.escalations.map((e) => ({ uid: newUid('e'), ...e })),
  };
}

export function blankSegment(index: number, names: { zh: string; en: string }): EditableSegment {
  return {
    uid: newUid('s'),
    key: `segment_${index}`,
    nameZh: names.zh,
    nameEn: names.en,
    buckets: [],
    classes: [],
    riskLevels: [],
    balanceMinYuan: null,
    balanceMaxYuan: null,
    channels: ['call'],
    callEveryDays: 3,
    smsTemplateFamilyId: null,
    smsEveryDays: null,
    scriptStage: null,
    escalations: [],
  };
}

/** The definition to send: settings of a channel that is off are left out; empty lists mean any. */
export function toDefinition(segments: EditableSegment[]): StrategyDefinition {
  return {
    segments: segments.map((s) => {
      const sms = s.channels.includes('sms');
      return {
        key: s.key.trim(),
        name: { zh: s.nameZh, en: s.nameEn },
        when: {
          buckets: s.buckets.length ? [...s.buckets] : null,
          classes: s.classes.length ? (s.classes as (0 | 1 | 2 | 3 | 4)[]) : null,
          riskLevels: s.riskLevels.length ? ([...s.riskLevels] as Segment['when']['riskLevels']) : null,
          balanceMinFen: yuanToFen(s.balanceMinYuan),
          balanceMaxFen: yuanToFen(s.balanceMaxYuan),
        },
        plan: {
          channels: [...s.channels] as Segment['plan']['channels'],
          callEveryDays: s.channels.includes('call') ? s.callEveryDays : null,
          sms:
            sms && (s.smsTemplateFamilyId !== null || s.smsEveryDays !== null)
              ? { templateFamilyId: s.smsTemplateFamilyId ?? '', everyDays: s.smsEveryDays as number }
              : null,
          scriptStage: s.scriptStage as Segment['plan']['scriptStage'],
          escalations: s.escalations.map(({ uid: _uid, ...e }) => ({ ...e, id: e.id.trim() })),
        },
      };
    }),
  };
}

/** Editor fields a problem can be shown at. */
export type FieldKey =
  | 'segment'
  | 'key'
  | 'nameZh'
  | 'nameEn'
  | 'conditions'
  | 'buckets'
  | 'classes'
  | 'riskLevels'
  | 'balanceMin'
  | 'balanceMax'
  | 'channels'
  | 'callEveryDays'
  | 'smsTemplate'
  | 'smsEveryDays'
  | 'scriptStage'
  | 'escalations'
  | `esc:${string}:${'id' | 'action' | 'afterBrokenPromises' | 'afterDaysPastDue' | 'row'}`;

export interface ProblemMap {
  /** Problems per segment uid and field. */
  bySegment: Record<string, Partial<Record<FieldKey, StrategyProblem[]>>>;
  /** Problems that name no segment (the list as a whole). */
  general: StrategyProblem[];
}

const FIELD_OF: [RegExp, FieldKey][] = [
  [/^key$/, 'key'],
  [/^name\.en$/, 'nameEn'],
  [/^name(\.zh)?$/, 'nameZh'],
  [/^when\.buckets/, 'buckets'],
  [/^when\.classes/, 'classes'],
  [/^when\.riskLevels/, 'riskLevels'],
  [/^when\.balanceMinFen$/, 'balanceMin'],
  [/^when\.balanceMaxFen$/, 'balanceMax'],
  [/^when/, 'conditions'],
  [/^plan\.channels/, 'channels'],
  [/^plan\.callEveryDays$/, 'callEveryDays'],
  [/^plan\.sms\.everyDays$/, 'smsEveryDays'],
  [/^plan\.sms/, 'smsTemplate'],
  [/^plan\.scriptStage$/, 'scriptStage'],
];

/** Places the server's problems (named by position) at the editor's fields (by uid). */
export function mapProblems(problems: StrategyProblem[], segments: EditableSegment[]): ProblemMap {
  const map: ProblemMap = { bySegment: {}, general: [] };
  for (const problem of problems) {
    const match = /^segments\[(\d+)\](?:\.(.*))?$/.exec(problem.field);
    const segment = match ? segments[Number(match[1])] : undefined;
    if (!match || !segment) {
      map.general.push(problem);
      continue;
    }
    const rest = match[2] ?? '';
    let field: FieldKey = 'segment';
    const esc = /^plan\.escalations\[(\d+)\](?:\.(\w+))?$/.exec(rest);
    if (esc) {
      const escalation = segment.escalations[Number(esc[1])];
      const part = esc[2] as 'id' | 'action' | 'afterBrokenPromises' | 'afterDaysPastDue' | undefined;
      field = escalation ? `esc:${escalation.uid}:${part ?? 'row'}` : 'escalations';
    } else if (rest.startsWith('plan.escalations')) {
      field = 'escalations';
    } else {
      field = FIELD_OF.find(([pattern]) => pattern.test(rest))?.[1] ?? 'segment';
    }
    const own = map.bySegment[segment.uid] ?? {};
    own[field] = [...(own[field] ?? []), problem];
    map.bySegment[segment.uid] = own;
  }
  return map;
}

export function problemCount(map: ProblemMap, uid: string): number {
  return Object.values(map.bySegment[uid] ?? {}).reduce((n, list) => n + (list?.length ?? 0), 0);
}
