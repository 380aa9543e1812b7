import { describe, expect, it } from 'vitest';
import { createSpeechInspector, lintTemplate, type TemplateKind } from '../compliance/speech/index';
import {
  CALL_FLOW,
  MERGE_FIELDS,
  OBJECTION_KEYS,
  type ObjectionKey,
  recommendScripts,
  SCRIPT_LIBRARY,
  SCRIPT_STAGES,
  type ScriptEntry,
  scriptStageOf,
} from './script-library';

const kindOf = (entry: ScriptEntry): TemplateKind =>
  entry.purpose === 'sms' ? 'sms' : entry.purpose === 'letter' ? 'letter' : 'script';

const MERGE_FIELD = /\{\{([^{}]*)\}\}/gu;
/** Sample values, so that rules see real words instead of merge fields. */
const SAMPLE: Readonly<Record<string, string>> = {
  坐席姓名: '王丽',
  工号: '1023',
  机构名称: '华信银行信用卡中心',
  客户姓名: '张伟',
};
const fill = (text: string) => text.replace(MERGE_FIELD, (_slot, name: string) => SAMPLE[name] ?? '某');
const firstSentence = (text: string) => text.split(/[。！？]/u)[0] ?? '';
const sentences = (text: string) => text.split(/[。！？；]/u).filter((sentence) => sentence.length > 0);

const DEBT_WORDS = ['欠', '逾期', '还款', '金额', '账单', '催收'];
const thirdPartyEntries = SCRIPT_LIBRARY.filter((entry) => entry.party === 'third_party');

describe('SCRIPT_LIBRARY: shape', () => {
  it('has at least 70 entries with unique keys', () => {
    expect(SCRIPT_LIBRARY.length).toBeGreaterThanOrEqual(70);
    const keys = SCRIPT_LIBRARY.map((entry) => entry.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('every entry is complete: texts, reasons, stages, objection only on objection handlers', () => {
    for (const entry of SCRIPT_LIBRARY) {
      for (const field of ['titleZh', 'titleEn', 'textZh', 'whyZh', 'whyEn'] as const) {
        expect(entry[field].trim(), `${entry.key}.${field}`).not.toBe('');
      }
      expect(entry.stages.length, entry.key).toBeGreaterThan(0);
      expect(new Set(entry.stages).size, entry.key).toBe(entry.stages.length);
      for (const stage of entry.stages) expect(SCRIPT_STAGES).toContain(stage);
      expect(entry.objection !== undefined, entry.key).toBe(entry.purpose === 'objection');
      if (entry.classes) expect(entry.classes.length, entry.key).toBeGreaterThan(0);
      if (entry.personalities) expect(entry.personalities.length, entry.key).toBeGreaterThan(0);
      expect(Object.isFrozen(entry)).toBe(true);
    }
  });

  it('uses only the listed merge fields', () => {
    for (const entry of SCRIPT_LIBRARY) {
      for (const [, name] of entry.textZh.matchAll(MERGE_FIELD)) {
        expect(Object.keys(MERGE_FIELDS), `${entry.key}: {{${name}}}`).toContain(name);
      }
    }
  });

  it('every stage has a debtor opening and an SMS', () => {
    for (const stage of SCRIPT_STAGES) {
      const at = SCRIPT_LIBRARY.filter((entry) => entry.stages.includes(stage));
      expect(
        at.some((entry) => entry.purpose === 'opening' && entry.party === 'debtor'),
        stage,
      ).toBe(true);
      expect(
        at.some((entry) => entry.purpose === 'sms'),
        stage,
      ).toBe(true);
    }
  });

  it('covers every step of a call and every written channel', () => {
    for (const purpose of CALL_FLOW) {
      expect(
        SCRIPT_LIBRARY.some((entry) => entry.purpose === purpose),
        purpose,
      ).toBe(true);
    }
  });

  it('every objection has at least two handlers', () => {
    for (const objection of OBJECTION_KEYS) {
      const handlers = SCRIPT_LIBRARY.filter((entry) => entry.objection === objection);
      expect(handlers.length, objection).toBeGreaterThanOrEqual(2);
      expect(handlers.every((entry) => entry.purpose === 'objection')).toBe(true);
    }
  });
});

describe('SCRIPT_LIBRARY: compliance', () => {
  it.each(SCRIPT_LIBRARY.map((entry) => [entry.key, entry] as const))(
    '%s passes the template lint without any finding',
    (_key, entry) => {
      expect(lintTemplate({ kind: kindOf(entry), body: entry.textZh })).toEqual([]);
    },
  );

  it('every opening states the name, the staff number and the institution in its first sentence', () => {
    const inspector = createSpeechInspector();
    const openings = SCRIPT_LIBRARY.filter((entry) => entry.purpose === 'opening');
    expect(openings.length).toBeGreaterThanOrEqual(SCRIPT_STAGES.length);
    for (const entry of openings) {
      const first = firstSentence(entry.textZh);
      for (const field of ['{{坐席姓名}}', '{{工号}}', '{{机构名称}}'])
        expect(first, entry.key).toContain(field);
      // The call-opening rule, on the first sentence filled with real values, as the first turn of a call.
      const findings = inspector.inspect({
        party: 'debtor',
        turns: [
          { speaker: 'agent', text: fill(first) },
          { speaker: 'customer', text: '嗯，你说。' },
        ],
      });
      expect(findings, entry.key).toEqual([]);
    }
  });

  it('an opening without the institution would be found (the check above is not vacuous)', () => {
    const findings = createSpeechInspector().inspect({
      party: 'debtor',
      turns: [
        { speaker: 'agent', text: '您好，请问是张伟本人吗？' },
        { speaker: 'customer', text: '是我。' },
      ],
    });
    expect(findings.map((finding) => finding.category)).toEqual(['missing_identity']);
  });

  it('SMS and letters name the sending institution', () => {
    for (const entry of SCRIPT_LIBRARY.filter(
      (item) => item.purpose === 'sms' || item.purpose === 'letter',
    )) {
      expect(entry.textZh, entry.key).toContain('{{机构名称}}');
      expect(entry.party).toBe('debtor');
    }
  });

  it('every sentence about a consequence says 可能', () => {
    const consequence = /征信|诉讼|起诉|外访|委托合作机构|产生违约金|更高一级/u;
    // Not consequences: the customer's own words, who decides, how a visit is conducted.
    const notAConsequence = /^您说|是否.*决定|外访人员/u;
    let checked = 0;
    for (const entry of SCRIPT_LIBRARY) {
      for (const sentence of sentences(entry.textZh)) {
        if (!consequence.test(sentence) || notAConsequence.test(sentence)) continue;
        checked += 1;
        expect(sentence, entry.key).toMatch(/可能/u);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('a commitment names an amount, a date and an official channel', () => {
    for (const entry of SCRIPT_LIBRARY.filter((item) => item.purpose === 'commitment')) {
      expect(entry.textZh, entry.key).toMatch(/\{\{承诺金额\}\}|多少/u);
      expect(entry.textZh, entry.key).toMatch(/\{\{承诺日期\}\}|哪一天/u);
      expect(entry.textZh, entry.key).toMatch(/\{\{官方还款渠道\}\}|官方渠道/u);
    }
  });

  it('third-party entries never mention the debt', () => {
    expect(thirdPartyEntries.length).toBeGreaterThanOrEqual(6);
    for (const entry of thirdPartyEntries) {
      for (const word of DEBT_WORDS) expect(entry.textZh, `${entry.key}: ${word}`).not.toContain(word);
      // Neither the institution nor any figure of the account.
      for (const field of [
        '{{机构名称}}',
        '{{应还金额}}',
        '{{尾号}}',
        '{{逾期天数}}',
        '{{本金}}',
        '{{承诺金额}}',
      ]) {
        expect(entry.textZh, entry.key).not.toContain(field);
      }
    }
  });

  it('third-party entries pass the rulebook spoken to a third party (disclosure, demands)', () => {
    const inspector = createSpeechInspector();
    for (const entry of thirdPartyEntries) {
      const findings = inspector.inspect({
        party: 'third_party',
        turns: [{ speaker: 'agent', text: fill(entry.textZh) }],
      });
      expect(findings, entry.key).toEqual([]);
    }
  });

  it('the debt-word check is not vacuous', () => {
    const findings = createSpeechInspector().inspect({
      party: 'third_party',
      turns: [{ speaker: 'agent', text: '他的信用卡逾期了，您让他尽快还款。' }],
    });
    expect(findings.map((finding) => finding.category)).toContain('third_party_disclosure');
  });
});

describe('recommendScripts', () => {
  const keys = (list: readonly ScriptEntry[]) => list.map((entry) => entry.key);
  const flowOrder = (list: readonly ScriptEntry[]) => list.map((entry) => CALL_FLOW.indexOf(entry.purpose));

  it('starts with the opening of the stage and follows the call flow', () => {
    const list = recommendScripts({
      stage: 'M1',
      delinquencyClass: 2,
      personality: 'emotional',
      objection: 'no_money',
    });
    expect(list[0]?.key).toBe('opening.m1');
    const order = flowOrder(list);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const purpose of [
      'identity_check',
      'purpose',
      'reason',
      'objection',
      'commitment',
      'recap',
      'closing',
    ]) {
      expect(
        list.some((entry) => entry.purpose === purpose),
        purpose,
      ).toBe(true);
    }
    expect(list.every((entry) => entry.party === 'debtor' && entry.stages.includes('M1'))).toBe(true);
    expect(list.some((entry) => entry.purpose === 'sms' || entry.purpose === 'letter')).toBe(false);
  });

  it('returns the handlers of the given objection only, the matching one first', () => {
    const list = recommendScripts({
      stage: 'M1',
      delinquencyClass: 2,
      personality: 'emotional',
      objection: 'no_money',
    });
    const handlers = list.filter((entry) => entry.purpose === 'objection');
    expect(handlers.every((entry) => entry.objection === 'no_money')).toBe(true);
    expect(handlers[0]?.key).toBe('objection.no_money.hardship');
    // Written for class 3 / scheming: left out for a class-2 emotional debtor.
    expect(keys(list)).not.toContain('objection.no_money.firm');
  });

  it('without an objection returns no handler', () => {
    const list = recommendScripts({ stage: 'M2' });
    expect(list.some((entry) => entry.purpose === 'objection')).toBe(false);
    expect(list[0]?.key).toBe('opening.m2');
  });

  it('prefers entries written for the class and the personality', () => {
    const list = recommendScripts({
      stage: 'M2',
      delinquencyClass: 3,
      personality: 'stubborn',
      objection: 'pay_later',
    });
    const reasons = keys(list.filter((entry) => entry.purpose === 'reason'));
    expect(reasons[0]).toBe('reason.repeated_excuses');
    expect(reasons).toContain('reason.open');
    expect(reasons).not.toContain('reason.emotional');
    expect(list.find((entry) => entry.purpose === 'objection')?.key).toBe('objection.pay_later.cost');
    expect(list.find((entry) => entry.purpose === 'commitment')?.key).toBe('commitment.firm_date');
  });

  it('ranks restricted entries after general ones when the class or personality is unknown', () => {
    const list = recommendScripts({ stage: 'M3', objection: 'sue_me' });
    const reasons = keys(list.filter((entry) => entry.purpose === 'reason'));
    expect(reasons[0]).toBe('reason.open');
    expect(reasons).toContain('reason.assess');
    expect(list.filter((entry) => entry.purpose === 'objection').length).toBeGreaterThanOrEqual(2);
  });

  it('accepts the Chinese name of a personality type', () => {
    const byCode = recommendScripts({
      stage: 'M2',
      delinquencyClass: 2,
      personality: 'emotional',
      objection: 'illness',
    });
    const byName = recommendScripts({
      stage: 'M2',
      delinquencyClass: 2,
      personality: '感情型',
      objection: 'illness',
    });
    expect(keys(byName)).toEqual(keys(byCode));
    expect(byName.find((entry) => entry.purpose === 'objection')?.key).toBe('objection.illness.own');
  });

  it('never returns a debtor line for a third party', () => {
    for (const stage of SCRIPT_STAGES) {
      for (const objection of [null, ...OBJECTION_KEYS]) {
        const list = recommendScripts({ stage, objection, party: 'third_party', delinquencyClass: 3 });
        expect(list.every((entry) => entry.party === 'third_party')).toBe(true);
      }
    }
    const list = recommendScripts({ stage: 'M2', party: 'third_party', objection: 'deceased_relative' });
    expect(list[0]?.key).toBe('third_party.intro');
    expect(keys(list)).toContain('objection.deceased_relative.third_party_reports_death');
    expect(keys(list)).not.toContain('objection.deceased_relative.grief');
    // No third party is contacted about a bill that is not yet due.
    expect(recommendScripts({ stage: 'M0', party: 'third_party' })).toEqual([]);
  });

  it('reaches every objection handler for a debtor it was written for', () => {
    for (const entry of SCRIPT_LIBRARY.filter((item) => item.purpose === 'objection')) {
      const list = recommendScripts({
        stage: entry.stages[0] as string,
        delinquencyClass: entry.classes?.[0] ?? null,
        personality: entry.personalities?.[0] ?? null,
        objection: entry.objection as ObjectionKey,
        party: entry.party,
      });
      expect(keys(list), entry.key).toContain(entry.key);
    }
  });

  it('places configurable bucket codes on a stage', () => {
    expect(scriptStageOf('m3+')).toBe('M3+');
    expect(scriptStageOf('S2')).toBe('M1');
    expect(scriptStageOf('M6')).toBe('M3+');
    expect(scriptStageOf('C9')).toBeNull();
    expect(recommendScripts({ stage: 'S1' })[0]?.key).toBe('opening.m1');
    expect(recommendScripts({ stage: 'M5' })[0]?.key).toBe('opening.m3plus');
  });
});

describe('recommendScripts: an objection no handler is written for', () => {
  it('offers the handlers of other classes rather than none, the case stage first', () => {
    // Every "no money" handler is written for classes 2-4; a class 1 debtor can still say it.
    const restricted = SCRIPT_LIBRARY.filter((e) => e.objection === 'no_money');
    expect(
      restricted.every((e) => e.classes !== undefined && e.classes !== null && !e.classes.includes(1)),
    ).toBe(true);
    const lines = recommendScripts({ stage: 'M2', delinquencyClass: 1, objection: 'no_money' });
    const handlers = lines.filter((e) => e.purpose === 'objection');
    expect(handlers.length).toBe(restricted.length);
    expect(handlers.every((e) => e.objection === 'no_money')).toBe(true);
    expect(handlers[0]?.stages).toContain('M2');
    // Without an objection nothing of the kind is offered.
    expect(
      recommendScripts({ stage: 'M2', delinquencyClass: 1 }).some((e) => e.purpose === 'objection'),
    ).toBe(false);
  });
});
