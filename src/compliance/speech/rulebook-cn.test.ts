import { describe, expect, it } from 'vitest';
import { createSpeechInspector, listSpeechRules, type SpeechParty } from './index';
import { cnSpeechRules } from './rulebook-cn';

const inspector = createSpeechInspector('cn-cba');

function say(text: string, party: SpeechParty = 'debtor') {
  return inspector.inspect({ party, turns: [{ speaker: 'agent', text }] });
}

interface RuleCases {
  positives: (string | [string, SpeechParty])[];
  negatives: (string | [string, SpeechParty])[];
}

/** Per phrase rule: things that must be caught by that rule, and near misses that must not be flagged. */
const cases: Record<string, RuleCases> = {
  'cn.threat.menace': {
    positives: ['这钱你今天不还，后果自负。', '行，你嘴硬是吧，走着瞧。', '再拖下去，我保证让你日子不好过。'],
    negatives: ['您先别着急，我们慢慢商量。', '如果一直不处理，后续可能会有同事继续跟进。'],
  },
  'cn.threat.something_happens': {
    positives: ['以后你家里出了什么事，可别怪我们没提醒。', '你自己想好，真发生点什么事你自己负责。'],
    negatives: ['您问他是不是出什么事了？没有，您别担心。', '请问最近家里是出了什么事吗？'],
  },
  'cn.threat.whereabouts': {
    positives: ['你家住几楼我们都清楚，你看着办。', '你儿子在哪上学我们都知道。'],
    negatives: ['我们登记的地址只用于寄送对账单。', '我们都知道您最近不容易，一起想想办法。'],
  },
  'cn.threat.harass': {
    positives: ['明天起我们天天去你单位门口等你。', '你不接电话，我们就隔三差五上门去问候你爸妈。'],
    negatives: ['如果需要外访，我们会提前预约。', '我们不会去您单位门口堵您。'],
  },
  'cn.violence.harm': {
    positives: ['再不还，我叫几个兄弟去你家坐坐。', '小心哪天被人套麻袋。', '我找人收拾你你信不信。'],
    negatives: ['我们的外访人员两人同行，出示证件。', '请您照顾好身体，我们改天再联系。'],
  },
  'cn.insult.abuse': {
    positives: ['你真是个不要脸的人。', '你就是个骗子，从来没想过还。', '这么点钱都还不上，废物一个。'],
    negatives: [
      '请您认准官方渠道，谨防骗子。',
      '我没有说您是骗子，只是需要核实一下。',
      '失信被执行人俗称“老赖”名单，您不在名单上。',
    ],
  },
  'cn.impersonation.authority': {
    positives: [
      '我是市中级人民法院的，通知你一下。',
      '我们这边是公安局经侦大队。',
      '我现在以律师的身份正式通知你。',
    ],
    negatives: [
      '我不是律师，我是银行委托的催收机构员工。',
      '如果协商不成，银行可能会依法向法院起诉。',
      '您问我是不是公安局的？不是，我是信用卡中心的。',
    ],
  },
  'cn.false_legal.criminal': {
    positives: ['欠钱不还就是诈骗，要判刑的。', '再拖下去警察上门把你带走。', '你这样会留案底的。'],
    negatives: [
      '欠款不还会坐牢这种说法是不对的。',
      '不会让您坐牢的，这是民事纠纷。',
      '如果您遇到诈骗，建议先报警。',
    ],
  },
  'cn.false_legal.enforcement': {
    positives: ['我们明天就冻结你的工资卡。', '你的车我们直接拖走抵债。', '下周就强制执行你的房子。'],
    negatives: [
      '只有法院在判决生效后才能依法执行，我们无权冻结。',
      '您的账户目前没有被冻结。',
      '进入诉讼后，法院可能会在判决后依法采取执行措施。',
    ],
  },
  'cn.false_legal.proceedings': {
    positives: [
      '你的案子已经立案了，等着传票吧。',
      '你孩子以后考公务员政审都过不了。',
      '父债子还，你儿子也跑不掉。',
    ],
    negatives: ['目前您的账户还没有进入诉讼程序。', '担保人依合同承担连带责任，这一点合同里写明了。'],
  },
  'cn.false_fact.fabricated': {
    positives: ['你已经上了永久黑名单。', '过了今天，你的账户就锁死了。', '所有银行都已经停了你的卡。'],
    negatives: ['没有“永久黑名单”这种说法，征信记录是有期限的。', '今天是您约定的还款日，记得还款哦。'],
  },
  'cn.false_fact.forever': {
    positives: ['你这个征信一辈子都洗不掉了。', '逾期记录会永久留在银行系统里。'],
    negatives: ['不良记录自还清之日起保存五年，不是一辈子。', '我们会永远记得您的配合。'],
  },
  'cn.false_fact.told_employer': {
    positives: ['你们单位领导我们已经打过招呼了。', '你公司人事那边我们已经打过招呼，他们会找你谈话。'],
    negatives: ['我们不会联系您的单位。', '您先跟家里打个招呼，方便的时候回电。'],
  },
  'cn.third_party.disclosure': {
    positives: [
      ['他在我们这里的贷款已经逾期了。', 'third_party'],
      ['你儿子欠了三万二没还。', 'third_party'],
      ['麻烦转告她，信用卡账单该还了。', 'third_party'],
    ],
    negatives: [
      ['麻烦您转告他回个电话，我姓王。', 'third_party'],
      ['您问是不是他欠钱了？这个我只能跟他本人说。', 'third_party'],
      ['您这个月的账单已经逾期了。', 'debtor'],
    ],
  },
  'cn.third_party.demand': {
    positives: [
      ['你是他妈妈，你先替他还一部分吧。', 'third_party'],
      ['你们同事凑一凑，帮他垫上。', 'third_party'],
      ['今天你拿两万块出来。', 'third_party'],
    ],
    negatives: [
      ['我们不需要您替他做任何事。', 'third_party'],
      ['请他本人方便时回电。', 'third_party'],
    ],
  },
  'cn.third_party.demand_family': {
    positives: ['没钱就让你爸妈帮你还。', '叫你老婆拿钱出来嘛。', '你儿子有钱，让他替你还了。'],
    negatives: ['您家里人的事我们不会过问，这笔钱由您本人处理。', '您可以跟家里商量一下预算，再给我回电。'],
  },
  'cn.debt_inducement.borrow': {
    positives: ['你去借呗借一笔先还我们。', '拿别的信用卡套现出来还这边。', '找朋友借点钱先把这边平了。'],
    negatives: [
      '千万别为了还我们去借网贷。',
      '我们不建议您以贷养贷，先谈个分期方案。',
      '您那笔网贷的事情我们不清楚。',
    ],
  },
  'cn.unauthorized_waiver.promise': {
    positives: [
      '你今天还一半，剩下的我做主给你免了。',
      '我给你打个八折，今天就结。',
      '利息我们不要了，你还本金就行。',
    ],
    negatives: [
      '减免需要审批，我可以帮您提交申请，但不能保证结果。',
      '我说了不算，得等主管审批。',
      '您可以在APP里申请分期，以审批为准。',
    ],
  },
  'cn.improper_fee.personal_account': {
    positives: ['你直接转到我个人账户上。', '扫我这个收款码付就行。', '你用微信转给我吧。'],
    negatives: [
      '请不要转给任何个人账户，包括我本人。',
      '请通过账单上的对公账户还款。',
      '请转到我们公司的对公账户。',
    ],
  },
  'cn.improper_fee.extra_fee': {
    positives: ['办分期要另外交两百块手续费。', '我们上门一趟要收三百上门费。', '催收服务费由你承担。'],
    negatives: ['我们不会另外收取任何手续费。', '分期手续费是合同约定的。'],
  },
  'cn.public_exposure.expose': {
    positives: ['我们会把你的欠款发到家族群里。', '明天给你通讯录里每个人发短信。', '你村口我们会贴告示。'],
    negatives: ['我们不会在任何群里发您的信息。', '我们不会联系您的通讯录。'],
  },
  'cn.public_exposure.neighbours': {
    positives: ['我们会让你的邻居都知道这件事。', '你们楼的街坊我们都会去说一说。'],
    negatives: ['请问您是他的邻居吗？麻烦让他回个电话。'],
  },
  'cn.house.may': {
    positives: ['逾期会上报征信。', '下个月我们将委托外部机构跟进。', '再不还我们一定会起诉。'],
    negatives: ['逾期可能会影响您的征信。', '违约金按合同约定计收。', '如果需要上门，我们会提前预约。'],
  },
};

describe('the Chinese rulebook, rule by rule', () => {
  it('every phrase rule has cases here, and every rule is in the catalogue', () => {
    const phraseRuleIds = cnSpeechRules.filter((rule) => rule.kind === 'phrase').map((rule) => rule.id);
    expect(Object.keys(cases).sort()).toEqual([...phraseRuleIds].sort());
    const catalogue = new Set(listSpeechRules().map((rule) => rule.id));
    for (const rule of cnSpeechRules) expect(catalogue.has(rule.id)).toBe(true);
  });

  for (const [ruleId, { positives, negatives }] of Object.entries(cases)) {
    describe(ruleId, () => {
      for (const entry of positives) {
        const [text, party] = typeof entry === 'string' ? [entry, 'debtor' as const] : entry;
        it(`flags ${JSON.stringify(text)} (${party})`, () => {
          const findings = say(text, party);
          expect(findings.map((finding) => finding.rule)).toContain(ruleId);
          for (const finding of findings) expect(text.slice(finding.start, finding.end)).toBe(finding.quote);
        });
      }
      for (const entry of negatives) {
        const [text, party] = typeof entry === 'string' ? [entry, 'debtor' as const] : entry;
        it(`does not flag ${JSON.stringify(text)} (${party})`, () => {
          expect(say(text, party)).toEqual([]);
        });
      }
    });
  }

  it('every rule explains itself in both languages and offers a compliant alternative that passes', () => {
    for (const rule of listSpeechRules()) {
      expect(rule.explanation.zh.length).toBeGreaterThan(5);
      expect(rule.explanation.en.length).toBeGreaterThan(5);
      expect(say(rule.alternative)).toEqual([]);
    }
  });
});

describe('ordinary collection talk that once tripped a rule', () => {
  // Each of these was a false alarm found while writing the script library; they must stay clean.
  for (const text of [
    '打断您一下，我确认一下您的还款日期。',
    '您方便的时候想起来打个电话给我们就行。',
    '您可以在APP里设置自动转账。',
    '到期会自动划扣您绑定的储蓄卡。',
    '您的分期申请已经在走审批流程了。',
    '关于2025年12月的账单，我跟您核对一下。',
    '我知道您最近日子不好过，我们一起想办法。',
    '您是出差人员的话，可以在APP上还款。',
    '我这边不是人工客服转接的，是您的专属专员。',
    '我们协调一下您方便接电话的时间。',
    '请问公司财务已经收到发票了吗？',
    '您可以让您爱人帮您记一下还款日期。',
    '今天联系您是关于您在安易消费金融的个人消费贷款，目前已经逾期45天。',
    '您这笔消费贷的逾期款是8600元。',
  ]) {
    it(`does not flag ${JSON.stringify(text)}`, () => {
      expect(say(text)).toEqual([]);
    });
  }
});

describe('the opening rule (missing_identity)', () => {
  const call = (opening: string) =>
    inspector.inspect({
      party: 'debtor',
      turns: [
        { speaker: 'agent', text: opening },
        { speaker: 'customer', text: '是我，什么事？' },
        { speaker: 'agent', text: '您的账单已经过了还款日，请问什么时候方便处理？' },
      ],
    });

  it('accepts an opening with a name or staff number and the institution', () => {
    expect(call('您好，我是华信银行信用卡中心的周敏，请问是陈先生吗？')).toEqual([]);
    expect(call('您好，这里是安顺消费金融，我姓王，工号3021。')).toEqual([]);
    expect(call('喂 您好 我是 众合资产的 小韩 受 永泰银行委托 跟您联系')).toEqual([]);
    expect(call('您好，这里是华信银行信用卡中心的催收专员张晓明，请问是陈先生吗？')).toEqual([]);
    expect(call('您好，我是安顺消费金融的工作人员陈静。')).toEqual([]);
  });

  it('flags an opening without a name, or without the institution, at the first agent turn', () => {
    for (const opening of [
      '喂，是陈志远吗？',
      '您好，我是小李，找一下陈先生。',
      '您好，这边是银行的，请问是陈先生吗？',
    ]) {
      const findings = call(opening);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        category: 'missing_identity',
        rule: 'cn.opening.identity',
        turn: 0,
        quote: opening,
      });
    }
  });

  it('does not judge a single utterance as a call opening', () => {
    expect(say('请问什么时候方便还款？')).toEqual([]);
  });
});

describe('borrowing a consumer loan to repay, and the product of that name', () => {
  it('flags asking the debtor to take out a consumer loan, not naming their own loan', () => {
    for (const text of ['您去申请个消费贷，先把这边还上。', '实在不行就借个消费贷周转。']) {
      expect(
        say(text).map((finding) => finding.category),
        text,
      ).toContain('debt_inducement');
    }
    expect(say('您的个人消费贷款本期已经逾期了。')).toEqual([]);
  });
});
