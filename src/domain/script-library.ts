/**
 * The collector script library (话术库): what a collector may say at each step of a call, to the debtor or
 * to a third party, and the SMS and letter texts of each stage. Written for Qingshou in our own words and
 * taught with the reason behind each line (`whyZh` / `whyEn`), not for rote recitation.
 *
 * Every `textZh` is linted by the prohibited-speech rulebook (src/compliance/speech, `lintTemplate`) in
 * src/domain/script-library.test.ts and must have no finding at all, not even the house "may" (可能)
 * warning. Merge fields are written `{{名称}}` and listed in `MERGE_FIELDS`.
 *
 * House rules the texts follow:
 * - every opening names the collector (name and staff number) and the institution in its first sentence;
 * - nothing about the account is said before the right party is confirmed (identity check);
 * - every consequence is said with 可能 and only lawful, true consequences are named (contract fees,
 *   credit report, visits by two people with appointment, agency placement, litigation decided by a court);
 * - promises are concrete (amount + date + channel) and payments go through official channels only;
 * - waivers, discounts and instalments are applications whose result is decided by approval;
 * - to a third party: only the collector's name and a callback number, never the institution, the reason
 *   or the debt; ask for a way to reach the debtor, never for payment; a refusal ends the contact.
 */

export const SCRIPT_STAGES = ['M0', 'M1', 'M2', 'M3', 'M3+'] as const;
export type ScriptStage = (typeof SCRIPT_STAGES)[number];

export const DELINQUENCY_CLASSES = [1, 2, 3, 4] as const;
export type DelinquencyClass = (typeof DELINQUENCY_CLASSES)[number];

export const PERSONALITIES = ['strong', 'scheming', 'cooperative', 'emotional', 'stubborn', 'vain'] as const;
export type Personality = (typeof PERSONALITIES)[number];

/** The Chinese names of the personality types used in training (强硬型 ...). */
export const PERSONALITY_LABELS: Readonly<Record<Personality, string>> = {
  strong: '强硬型',
  scheming: '阴谋型',
  cooperative: '合作型',
  emotional: '感情型',
  stubborn: '固执型',
  vain: '虚荣型',
};

export type ScriptPurpose =
  | 'opening'
  | 'identity_check'
  | 'purpose'
  | 'amount'
  | 'reason'
  | 'objection'
  | 'commitment'
  | 'recap'
  | 'third_party'
  | 'closing'
  | 'sms'
  | 'letter';

export const OBJECTION_KEYS = [
  'no_money',
  'lost_job',
  'illness',
  'already_paid',
  'pay_later',
  'spouse_will_pay',
  'not_my_spending',
  'send_bill_first',
  'fees_unfair',
  'sue_me',
  'want_supervisor',
  'hostile',
  'company_process_delay',
  'company_cashflow',
  'quality_dispute',
  'responsible_person_left',
  'deceased_relative',
  'refuses_to_talk',
] as const;
export type ObjectionKey = (typeof OBJECTION_KEYS)[number];

export interface ScriptEntry {
  /** Stable key, e.g. `opening.m1` or `objection.no_money.hardship`. */
  key: string;
  purpose: ScriptPurpose;
  /** For `purpose: 'objection'`: the excuse or situation it answers. */
  objection?: ObjectionKey;
  stages: ('M0' | 'M1' | 'M2' | 'M3' | 'M3+')[];
  /** Only for these classes of delinquency (四类逾期); absent = any class. */
  classes?: (1 | 2 | 3 | 4)[];
  /** Only for these personality types; absent = any personality. */
  personalities?: ('strong' | 'scheming' | 'cooperative' | 'emotional' | 'stubborn' | 'vain')[];
  party: 'debtor' | 'third_party';
  titleZh: string;
  titleEn: string;
  /** What to say (zh-CN), with `{{merge fields}}`. */
  textZh: string;
  /** Why it is said this way: the reason taught with the line. */
  whyZh: string;
  whyEn: string;
}

/** The merge fields the texts may use, with what each is filled with. */
export const MERGE_FIELDS: Readonly<Record<string, { zh: string; en: string }>> = {
  坐席姓名: { zh: '坐席本人的姓名', en: "the collector's own name" },
  工号: { zh: '坐席工号', en: "the collector's staff number" },
  机构名称: {
    zh: '来电或发函的机构（债权机构或受托机构）全称',
    en: 'the calling or sending institution (creditor or agency), full name',
  },
  客户姓名: {
    zh: '债务人全名（企业客户为企业名称）',
    en: "the debtor's full name (company name for a company)",
  },
  尾号: { zh: '卡号或合同号后四位', en: 'last four digits of the card or contract number' },
  应还金额: { zh: '当前应还总额', en: 'total amount due now' },
  本金: { zh: '应还本金', en: 'principal due' },
  利息: { zh: '应还利息', en: 'interest due' },
  违约金: { zh: '按合同计收的违约金', en: 'late fees under the contract' },
  还款日: { zh: '到期还款日', en: 'due date' },
  逾期天数: { zh: '逾期天数', en: 'days past due' },
  官方还款渠道: {
    zh: '官方还款渠道（官方APP、网点柜台、对公账户）',
    en: 'official payment channels (official app, branch counter, corporate account)',
  },
  客服电话: { zh: '机构官方客服电话', en: "the institution's official service number" },
  回电号码: {
    zh: '给第三方留的回电号码（不显示机构名称的坐席专线）',
    en: 'callback number left with a third party (an agent line that does not name the institution)',
  },
  承诺金额: { zh: '客户承诺的还款金额', en: 'amount the debtor promised to pay' },
  承诺日期: { zh: '客户承诺的还款日期', en: 'date the debtor promised to pay by' },
  截止日期: {
    zh: '函件或短信中请客户处理的日期',
    en: 'date by which the letter or SMS asks the debtor to act',
  },
  函件日期: { zh: '函件落款日期', en: 'date of the letter' },
};

const ALL: ScriptStage[] = ['M0', 'M1', 'M2', 'M3', 'M3+'];
const OVERDUE: ScriptStage[] = ['M1', 'M2', 'M3', 'M3+'];
const stages = (list: readonly ScriptStage[]): ScriptStage[] => [...list];

const entries: ScriptEntry[] = [
  // ——— opening (开场): own name, staff number and institution in the first sentence ———
  {
    key: 'opening.m0',
    purpose: 'opening',
    stages: ['M0'],
    party: 'debtor',
    titleZh: '开场：还款日前提醒',
    titleEn: 'Opening: reminder before the due date',
    textZh: '您好，我是{{机构名称}}的{{坐席姓名}}，工号{{工号}}。打扰您一分钟，请问是{{客户姓名}}本人吗？',
    whyZh:
      '先报机构、姓名和工号，客户才能判断来电是否可信，这也是合规要求。还款日前的客户大多只是忘了，语气要轻，“一分钟”让对方放下戒备。确认本人之前不提任何账户信息。',
    whyEn:
      'Institution, name and staff number first let the customer judge the call and are required. Before the due date most customers have simply forgotten, so keep it light; "one minute" lowers their guard. Say nothing about the account before the right party is confirmed.',
  },
  {
    key: 'opening.m1',
    purpose: 'opening',
    stages: ['M1'],
    party: 'debtor',
    titleZh: '开场：逾期初期',
    titleEn: 'Opening: early delinquency',
    textZh:
      '您好，我是{{机构名称}}的{{坐席姓名}}，工号{{工号}}。本次通话全程录音，有一件事需要和{{客户姓名}}本人确认，请问您是本人吗？',
    whyZh:
      '告知录音既保护客户也保护坐席。“需要和本人确认”说明这通电话有正事，又不会向可能接电话的家人或同事透露事由。逾期第一个月回收率最高，开场要专业、友好，为后面的沟通留好气氛。',
    whyEn:
      'Announcing the recording protects both the customer and the agent. "Need to confirm with you personally" signals a real matter without telling whoever picked up what it is. The first month recovers best, so open professionally and warmly.',
  },
  {
    key: 'opening.m2',
    purpose: 'opening',
    stages: ['M2'],
    party: 'debtor',
    titleZh: '开场：逾期第二个月',
    titleEn: 'Opening: second month past due',
    textZh:
      '您好，我是{{机构名称}}的{{坐席姓名}}，工号{{工号}}。今天来电是有一件需要您本人尽快处理的事情，通话全程录音，请问是{{客户姓名}}本人吗？',
    whyZh:
      '到了M2，客户往往已经接过几次提醒，开场要更正式，用“尽快处理”点明分量，但仍然不在确认本人前说出欠款。语气坚定而不生硬。',
    whyEn:
      'By M2 the customer has usually heard several reminders: open more formally and signal weight with "handle soon", still without naming the debt before the right party is confirmed. Firm, not harsh.',
  },
  {
    key: 'opening.m3',
    purpose: 'opening',
    stages: ['M3'],
    party: 'debtor',
    titleZh: '开场：高风险阶段',
    titleEn: 'Opening: high-risk stage',
    textZh:
      '您好，我是{{机构名称}}的{{坐席姓名}}，工号{{工号}}。这次有比较重要的事项需要和{{客户姓名}}本人沟通，大约占用您五分钟，通话全程录音。请问您是本人吗？',
    whyZh:
      'M3的客户可能长期回避，开场直接说明“重要”和所需时间，让对方知道这不是普通提醒，同时给出明确的时间预期，减少对方直接挂断的可能。',
    whyEn:
      'M3 customers may have avoided contact for a long time. Saying "important" and how long it takes tells them this is not a routine reminder and gives a clear time frame, so they are less likely to hang up.',
  },
  {
    key: 'opening.m3plus',
    purpose: 'opening',
    stages: ['M3+'],
    party: 'debtor',
    titleZh: '开场：委外与法律阶段',
    titleEn: 'Opening: agency and legal stage',
    textZh:
      '您好，我是{{机构名称}}的{{坐席姓名}}，工号{{工号}}，受委托与{{客户姓名}}本人联系。本次通话全程录音，您可以拨打{{客服电话}}核实我的身份。请问您是本人吗？',
    whyZh:
      'M3+常由委外机构或专门团队处理，如实说明“受委托”，不冒充债权机构本身，更不冒充公检法或律师。主动给出核实渠道，既建立信任，也帮助客户防范冒充诈骗。',
    whyEn:
      'Past 90 days an agency or special team often calls: say truthfully that you act on mandate, never pose as the creditor itself, let alone police, courts or lawyers. Offering a way to verify builds trust and protects the customer from impostors.',
  },
  {
    key: 'opening.promise_followup',
    purpose: 'opening',
    stages: ['M1', 'M2', 'M3'],
    party: 'debtor',
    titleZh: '开场：承诺后跟进',
    titleEn: 'Opening: follow-up on a promise',
    textZh:
      '您好，我是{{机构名称}}的{{坐席姓名}}，工号{{工号}}，上次和您约好今天再联系。请问是{{客户姓名}}本人吗？',
    whyZh:
      '承诺要在约定时间前后跟进，最迟24小时内。提到“约好”，提醒对方这是双方的约定，而不是无故打扰；仍然先确认本人再谈内容。',
    whyEn:
      'Follow up a promise around the agreed time, within 24 hours at the latest. "As we agreed" reminds the customer this is a mutual arrangement, not a random call; confirm the right party before anything else.',
  },

  // ——— identity check (核身) ———
  {
    key: 'identity.full_name',
    purpose: 'identity_check',
    stages: stages(ALL),
    party: 'debtor',
    titleZh: '核身：全名与证件后四位',
    titleEn: 'Identity: full name and ID last four',
    textZh:
      '为了保护您的个人信息，在说明来意之前需要先确认是本人接听。麻烦您说一下您的全名，以及身份证号的后四位，好吗？',
    whyZh:
      '让对方自己说出全名和证件后四位，而不是由坐席念出来，这样既能确认本人，又不会向接电话的其他人泄露任何信息。先说明“为了保护您”，对方更愿意配合。',
    whyEn:
      'Have them say their full name and ID digits rather than reading them out: it confirms the right party without revealing anything to someone else. Explaining it protects them makes people cooperate.',
  },
  {
    key: 'identity.asks_why_first',
    purpose: 'identity_check',
    stages: stages(ALL),
    party: 'debtor',
    titleZh: '核身：对方先问什么事',
    titleEn: 'Identity: the person asks what it is about first',
    textZh:
      '不好意思，具体事情只能和{{客户姓名}}本人沟通，这是为了保护本人的隐私。如果您就是本人，请您确认一下；如果不是，也麻烦告诉我，我换个时间再联系。',
    whyZh:
      '接电话的人可能是家人或同事。在确认本人之前坚持不说事由，是对客户隐私的保护；如果不是本人，立即转入第三方话术，只留姓名和回电方式。',
    whyEn:
      'The person on the line may be a relative or colleague. Refusing to say why until the right party is confirmed protects the customer; if it is not them, switch to the third-party script.',
  },
  {
    key: 'identity.suspects_scam',
    purpose: 'identity_check',
    stages: stages(ALL),
    party: 'debtor',
    titleZh: '核身：客户怀疑是诈骗电话',
    titleEn: 'Identity: the customer suspects a scam call',
    textZh:
      '您有顾虑很正常，现在冒充金融机构的电话确实不少。您可以先挂断，拨打{{机构名称}}的官方客服{{客服电话}}核实我的工号{{工号}}，再决定是否继续沟通。我们不会让您向任何个人转账，也不会索要您的密码或验证码。',
    whyZh:
      '客户的警惕是好事，不要急于说服。给出官方核实渠道，并明确“不向个人转账、不要密码验证码”，既证明自己，也在教客户识别诈骗。',
    whyEn:
      'The customer\'s caution is healthy; do not push. An official way to verify, plus "never to a person, never your PIN or code", proves who you are and teaches them to spot fraud.',
  },

  // ——— purpose (说明来意) ———
  {
    key: 'purpose.m0',
    purpose: 'purpose',
    stages: ['M0'],
    classes: [1],
    party: 'debtor',
    titleZh: '来意：还款日提醒',
    titleEn: 'Purpose: due-date reminder',
    textZh:
      '谢谢您。这次来电是温馨提醒：您尾号{{尾号}}的账户本期还款日是{{还款日}}，应还{{应还金额}}。如果您已经安排好了，就当我多提醒一句。',
    whyZh: '还没逾期的客户只需要提醒，不谈后果。“就当我多提醒一句”给足面子，也让按时还款的客户不反感。',
    whyEn:
      'A customer who is not yet late only needs a reminder, no consequences. "Just an extra reminder" saves face and does not annoy those who were going to pay.',
  },
  {
    key: 'purpose.m1',
    purpose: 'purpose',
    stages: ['M1'],
    party: 'debtor',
    titleZh: '来意：逾期初期',
    titleEn: 'Purpose: early delinquency',
    textZh:
      '谢谢您确认。今天联系您，是因为您尾号{{尾号}}的账户在{{还款日}}到期的款项还没有入账，目前已逾期{{逾期天数}}天。我想先了解一下情况，看看怎么帮您尽快处理。',
    whyZh:
      '直接、客观地说明事实（哪个账户、哪天到期、逾期几天），再把话题引向“了解情况、帮您处理”，把通话定位成解决问题，而不是指责。',
    whyEn:
      'State the facts plainly (which account, due when, how many days late), then turn to "understand and help": the call is about solving a problem, not blaming.',
  },
  {
    key: 'purpose.m2',
    purpose: 'purpose',
    stages: ['M2'],
    party: 'debtor',
    titleZh: '来意：逾期第二个月',
    titleEn: 'Purpose: second month past due',
    textZh:
      '今天来电是关于您尾号{{尾号}}账户的逾期款项，目前已逾期{{逾期天数}}天。逾期时间越长，可能产生的违约金越多，也可能影响您的征信记录，所以今天希望和您一起定一个具体的处理方案。',
    whyZh:
      'M2要让客户明白拖延的真实代价：违约金和征信都是合同和法规内的后果，用“可能”平静地说出来，不夸大。最后落到“一起定方案”，给客户一个可以行动的出口。',
    whyEn:
      'At M2 the customer should understand the real cost of waiting: fees and credit reporting are lawful consequences, said calmly with "may" and never exaggerated. End with "decide a plan together" so there is a way forward.',
  },
  {
    key: 'purpose.m3',
    purpose: 'purpose',
    stages: ['M3'],
    party: 'debtor',
    titleZh: '来意：高风险阶段',
    titleEn: 'Purpose: high-risk stage',
    textZh:
      '您尾号{{尾号}}的账户已逾期{{逾期天数}}天，之前的联系没有形成还款安排。如果继续未处理，后续可能安排外访或委托合作机构跟进，银行也可能依法通过诉讼主张权利。今天打电话，是希望在这之前和您商量出一个可行的办法。',
    whyZh:
      'M3可以如实说明后续可能的步骤（外访、委外、诉讼），这些都是合法途径，但每一项都只说“可能”，不把尚未决定的事说成已经发生。重点放在“在这之前商量办法”，让后果成为协商的理由，而不是恐吓。',
    whyEn:
      'At M3 you may state the possible next steps (visit, agency, litigation), all lawful, each with "may" and never as already decided. The point is "find a way before that": consequences are a reason to negotiate, not a threat.',
  },
  {
    key: 'purpose.m3plus',
    purpose: 'purpose',
    stages: ['M3+'],
    party: 'debtor',
    titleZh: '来意：委外与法律阶段',
    titleEn: 'Purpose: agency and legal stage',
    textZh:
      '您名下尾号{{尾号}}的账户已逾期{{逾期天数}}天，{{机构名称}}受委托与您协商处理。目前仍然可以协商还款安排；如果一直无法协商，债权方可能依法提起诉讼，是否立案、如何判决都由法院决定。',
    whyZh:
      '说清楚谁委托、谁在联系，诉讼只作为可能性提及，并说明决定权在法院，这样既真实又不越权。强调“仍然可以协商”，给长期逾期的客户一个体面回到谈判桌的机会。',
    whyEn:
      'Say who mandated whom; mention litigation only as a possibility and that the court decides, which is true and within your authority. "Still possible to negotiate" gives a long-overdue customer a dignified way back.',
  },

  // ——— amount (核对金额) ———
  {
    key: 'amount.m0',
    purpose: 'amount',
    stages: ['M0'],
    party: 'debtor',
    titleZh: '金额：本期账单',
    titleEn: "Amount: this period's bill",
    textZh:
      '本期账单应还{{应还金额}}，还款日是{{还款日}}。您可以在{{官方还款渠道}}查看明细，金额和您记的一样吗？',
    whyZh: '让客户自己确认金额，可以及早发现记账差异或渠道问题，避免到期才出错。',
    whyEn: 'Letting the customer confirm the amount surfaces booking differences or channel problems early.',
  },
  {
    key: 'amount.breakdown',
    purpose: 'amount',
    stages: stages(OVERDUE),
    party: 'debtor',
    titleZh: '金额：核对应还总额和构成',
    titleEn: 'Amount: verify the total and its breakdown',
    textZh:
      '跟您核对一下金额：截至今天，您尾号{{尾号}}的账户应还{{应还金额}}，其中本金{{本金}}、利息{{利息}}、违约金{{违约金}}，都是按合同约定计算的。您这边看到的数字和这个一致吗？',
    whyZh:
      '报出构成而不只是总数，说明每一项都有合同依据，客户更容易接受；请客户核对，是在防止日后因金额争议推翻承诺。不得收取合同以外的任何费用。',
    whyEn:
      'Giving the breakdown, each item per contract, makes the figure easier to accept; asking them to check prevents later disputes from undoing the promise. Never add a fee outside the contract.',
  },
  {
    key: 'amount.disputed',
    purpose: 'amount',
    stages: ['M1', 'M2', 'M3', 'M3+'],
    party: 'debtor',
    titleZh: '金额：客户认为金额不对',
    titleEn: 'Amount: the customer says the figure is wrong',
    textZh:
      '如果您觉得金额和自己算的不一样，我们可以逐项核对。对不上的部分我会提交核查，核查有结果之前，不会要求您为有疑问的部分做承诺。没有疑问的部分，建议您先安排起来。',
    whyZh:
      '承认客户有核对的权利，把有争议和无争议的部分分开：争议部分走核查，无争议部分照常推进。这样既尊重客户，也不让争议成为拖延的理由。',
    whyEn:
      'Acknowledge their right to check and separate disputed from undisputed amounts: the dispute goes to review, the rest moves on. Respectful, and the dispute does not become a reason to stall.',
  },

  // ——— reason (询问原因) ———
  {
    key: 'reason.open',
    purpose: 'reason',
    stages: stages(OVERDUE),
    party: 'debtor',
    titleZh: '原因：开放式提问',
    titleEn: 'Reason: open question',
    textZh: '方便说一下这次没有按时还款的原因吗？了解清楚了，我才能帮您找到合适的办法。',
    whyZh:
      '开放式提问让客户多说，坐席多听，才能判断属于四类中的哪一类：是忘了、有困难、不愿意，还是两者都有。后半句说明“问是为了帮您”，减少对方的抵触。',
    whyEn:
      'An open question makes the customer talk and the agent listen, which is how you tell the four classes apart. The second half says why you ask, which lowers resistance.',
  },
  {
    key: 'reason.forgot',
    purpose: 'reason',
    stages: ['M0', 'M1'],
    classes: [1],
    party: 'debtor',
    titleZh: '原因：忘记或渠道问题',
    titleEn: 'Reason: forgot or a channel problem',
    textZh: '是不是最近比较忙，还款日没顾上？还是还款渠道上遇到了问题，比如绑定的银行卡余额不足？',
    whyZh:
      '有意愿也有能力的客户，多半是忘了或渠道出了问题。主动替对方给出台阶，问题能在一分钟内解决，重点是把还款渠道理顺。',
    whyEn:
      'Willing and able customers mostly forgot or hit a channel problem. Offering that explanation gives them an easy way out; the job is to fix the payment channel.',
  },
  {
    key: 'reason.emotional',
    purpose: 'reason',
    stages: ['M1', 'M2', 'M3'],
    classes: [2],
    personalities: ['emotional'],
    party: 'debtor',
    titleZh: '原因：感情型客户',
    titleEn: 'Reason: emotional customer',
    textZh: '听得出来您最近压力不小。不着急，您慢慢说，是收入方面出现了变化吗？我先听您把情况讲完。',
    whyZh:
      '感情型客户需要先被理解，才愿意谈钱。先接住情绪，再引向“收入变化”这个具体问题；“我先听您讲完”表明坐席在倾听，而不是在催。',
    whyEn:
      'Emotional customers need to feel understood before they talk money. Acknowledge the feeling, then steer to the concrete question of income; "I will listen first" shows you are listening, not pushing.',
  },
  {
    key: 'reason.repeated_excuses',
    purpose: 'reason',
    stages: ['M2', 'M3', 'M3+'],
    classes: [3],
    personalities: ['scheming', 'stubborn'],
    party: 'debtor',
    titleZh: '原因：多次失约后的直接提问',
    titleEn: 'Reason: direct question after broken promises',
    textZh:
      '从记录看，您之前答应过两次还款日期，都没有入账。这次想请您直接告诉我，真正卡住的地方是什么：是资金确实不够，还是对这个账户有不同意见？',
    whyZh:
      '对有能力但不愿还的客户，用记录说话，不带情绪地指出前后不一致，再给出两个选项逼出真实原因。问题是“卡在哪里”，而不是“你为什么骗我”，不伤人格。',
    whyEn:
      'With an able but unwilling customer, let the record speak: point out the inconsistency without emotion, then offer two options to surface the real reason. Ask where it is stuck, never "why did you lie".',
  },
  {
    key: 'reason.assess',
    purpose: 'reason',
    stages: ['M3', 'M3+'],
    classes: [4],
    party: 'debtor',
    titleZh: '原因：评估还款能力',
    titleEn: 'Reason: assess ability to pay',
    textZh:
      '我们想客观评估一下您目前的情况：现在有没有固定工作或其他收入来源？每个月大概能拿出多少用于处理这个账户？您说的情况我会如实记录，作为后续方案的依据。',
    whyZh:
      '既无意愿也无能力的客户，先评估事实再谈方案。具体问题（工作、收入、每月可支配金额）比泛泛的催促更有用；“如实记录、作为依据”让客户明白说实话对自己有利。',
    whyEn:
      'For customers neither willing nor able, assess the facts before any plan. Concrete questions beat general pressure; "recorded as the basis of the plan" shows that telling the truth helps them.',
  },

  // ——— objections (异议处理) ———
  {
    key: 'objection.no_money.hardship',
    purpose: 'objection',
    objection: 'no_money',
    stages: ['M1', 'M2'],
    classes: [2],
    personalities: ['emotional', 'cooperative'],
    party: 'debtor',
    titleZh: '没钱：有意愿、暂时困难',
    titleEn: 'No money: willing, temporarily short',
    textZh:
      '我理解，手头紧的时候谁都着急。我们不要求您今天一次还清，先看看您能做到多少：每个月扣掉房租和生活费，大概还能剩多少？也请您不要为了还这笔钱去借新的钱，那样只会让负担更重。如果确实困难，我可以帮您提交分期申请，能否通过以审批为准。',
    whyZh:
      '先共情再问数字，把“没钱”变成“能还多少”。明确劝阻借新还旧，是保护客户，也是红线要求。分期只能说“帮您申请、以审批为准”，坐席无权当场答应。',
    whyEn:
      'Empathise, then ask for numbers: turn "no money" into "how much can you manage". Explicitly discouraging new borrowing protects the customer and is a red line. Instalments are "I can apply, approval decides"; the agent cannot grant them.',
  },
  {
    key: 'objection.no_money.firm',
    purpose: 'objection',
    objection: 'no_money',
    stages: ['M2', 'M3', 'M3+'],
    classes: [3],
    personalities: ['scheming', 'stubborn'],
    party: 'debtor',
    titleZh: '没钱：有能力、拖延',
    titleEn: 'No money: able, stalling',
    textZh:
      '没钱的情况我会记录下来。不过账户不会因此停止计算，逾期可能继续按合同产生违约金，也可能影响您的征信。那我们就从小额开始：这个星期之内，您能先还多少？哪怕是一部分，也说明您在处理，我这边也好如实反映您的态度。',
    whyZh:
      '对用“没钱”拖延的客户，不争论真假，而是把话题缩小到一个小而具体的数字。后果用“可能”平静说明；“哪怕一部分”降低门槛，一旦开始还款，后面更容易推进。',
    whyEn:
      'Do not argue whether "no money" is true; shrink the ask to a small concrete figure. Consequences said calmly with "may"; "even part of it" lowers the bar, and once paying starts the rest follows more easily.',
  },
  {
    key: 'objection.no_money.assess',
    purpose: 'objection',
    objection: 'no_money',
    stages: ['M3', 'M3+'],
    classes: [4],
    party: 'debtor',
    titleZh: '没钱：无意愿也无能力',
    titleEn: 'No money: neither willing nor able',
    textZh:
      '如果现在确实没有收入，我们先不谈金额，先把情况弄清楚：您预计什么时候能恢复收入？名下有没有其他收入或财产可以用来处理这个账户？这些情况我会如实记录，用来评估适合您的处理方式。',
    whyZh:
      '第四类客户需要评估而不是施压。问恢复收入的时间和名下财产，是为后续方案或法律途径的判断收集事实；只问本人名下的情况，不涉及家人。',
    whyEn:
      "Class 4 needs assessment, not pressure. Asking when income returns and what the customer owns gathers facts for a plan or the legal route; ask only about the customer's own means, never the family's.",
  },
  {
    key: 'objection.lost_job.plan',
    purpose: 'objection',
    objection: 'lost_job',
    stages: ['M1', 'M2'],
    classes: [2],
    party: 'debtor',
    titleZh: '失业：先定小额方案',
    titleEn: 'Lost job: start with a small plan',
    textZh:
      '失业确实很难，先祝您早点找到新工作。想了解一下：现在有没有失业金、补偿金或者临时收入？我们可以先约定一个您做得到的小金额，等您上班了再调整。您觉得大概什么时候能有新的收入？',
    whyZh:
      '失业是真实困难，先表示理解。问清有没有过渡收入，给出“先小额、后调整”的路径，让客户保持还款习惯；问新收入的时间点，为下次跟进定好日期。',
    whyEn:
      'Job loss is a real hardship: show understanding. Ask about bridging income, offer "small now, adjust later" to keep the payment habit, and ask when new income comes to set the next follow-up.',
  },
  {
    key: 'objection.lost_job.timeline',
    purpose: 'objection',
    objection: 'lost_job',
    stages: ['M3', 'M3+'],
    classes: [4],
    personalities: ['stubborn'],
    party: 'debtor',
    titleZh: '失业：长期逾期要时间点',
    titleEn: 'Lost job: a timeline for a long delinquency',
    textZh:
      '工作没了这个情况我记下了。但账户已经逾期{{逾期天数}}天，如果一直没有任何安排，债权方可能会考虑通过诉讼等方式处理，这是我们都不希望看到的。请您给我一个时间点：下一份收入预计哪天到账？在那之前，每月能不能先还一个固定的小金额？',
    whyZh:
      '长期逾期的失业客户，既要体谅，也要让对方知道拖下去可能的后果；后果只说“可能”，并表明这不是我们希望的。然后立刻回到具体的时间点和小额方案。',
    whyEn:
      'With a long-overdue jobless customer, be understanding but let them know what may follow; say "may" and that nobody wants it. Then go straight back to a date and a small fixed amount.',
  },
  {
    key: 'objection.illness.own',
    purpose: 'objection',
    objection: 'illness',
    stages: ['M1', 'M2', 'M3'],
    classes: [2],
    personalities: ['emotional'],
    party: 'debtor',
    titleZh: '生病：本人生病',
    titleEn: 'Illness: the customer is ill',
    textZh:
      '听到您生病，真心希望您先把身体养好。您现在的治疗情况怎么样？如果医疗开支让还款有困难，可以提供诊断证明或住院材料，我帮您提交困难申请，看看能否调整还款安排，结果以审批为准。这段时间我会尽量少打扰您，您看哪天方便我再跟进？',
    whyZh:
      '先关心人，再谈账。说明困难申请需要什么材料、结果由审批决定，不做越权承诺。主动减少打扰并请客户定跟进时间，体现尊重，也保留下次沟通的约定。',
    whyEn:
      'Care about the person first, then the account. Say what documents a hardship application needs and that approval decides. Offering fewer calls and letting them pick the follow-up day shows respect and keeps the next contact agreed.',
  },
  {
    key: 'objection.illness.family',
    purpose: 'objection',
    objection: 'illness',
    stages: ['M2', 'M3', 'M3+'],
    classes: [2, 4],
    party: 'debtor',
    titleZh: '生病：家人生病开销大',
    titleEn: 'Illness: a family member is ill and costs are high',
    textZh:
      '家人生病花销大，这个我能理解。不过这个账户是您本人的，我们需要和您一起想办法：医疗这块的开销大概还要持续多久？在这期间您每月能固定拿出多少？我把情况和材料一起报上去，申请更适合您的分期安排，结果以审批为准。',
    whyZh:
      '理解家庭困难，但把焦点留在本人：账户是本人的，方案也按本人的能力定，不把家人牵扯进来。问清开销持续的时间，才能设计可执行的分期。',
    whyEn:
      "Understand the family's hardship but keep the focus on the customer: it is their account and the plan follows their means, never the family's. Knowing how long the costs last makes a workable plan possible.",
  },
  {
    key: 'objection.already_paid.check',
    purpose: 'objection',
    objection: 'already_paid',
    stages: stages(ALL),
    personalities: ['cooperative'],
    party: 'debtor',
    titleZh: '已还款：核对入账',
    titleEn: 'Already paid: check the payment',
    textZh:
      '谢谢您告诉我。麻烦您说一下还款的日期、金额和用的是哪个渠道，我马上在系统里核对。有时候入账会晚一到两个工作日，如果确实已经还了，我会把记录更新，不会再为这一期打扰您。',
    whyZh:
      '不质疑客户，先核实。问清日期、金额、渠道三要素，多数情况是入账延迟或还到了别的账户。确认后主动更新记录，避免重复催收引起投诉。',
    whyEn:
      'Do not doubt the customer; check. Date, amount and channel usually reveal a posting delay or a payment to the wrong account. Update the record once confirmed so no repeat call causes a complaint.',
  },
  {
    key: 'objection.already_paid.proof',
    purpose: 'objection',
    objection: 'already_paid',
    stages: stages(OVERDUE),
    personalities: ['scheming'],
    party: 'debtor',
    titleZh: '已还款：请提供凭证',
    titleEn: 'Already paid: ask for proof',
    textZh:
      '我这边系统里暂时没有看到这笔入账。请您把转账凭证的截图通过{{官方还款渠道}}或官方客服{{客服电话}}提交，我们来核实。也提醒您：我们只认官方渠道的还款，如果之前有人让您把钱转到某个个人账户，请尽快联系官方客服核实，那很可能是冒充的诈骗。',
    whyZh:
      '系统里没有记录时，请客户提供凭证，由官方渠道核实，不在电话里争论。顺带提醒只认官方渠道，如果客户真把钱转给了冒充者，能尽早止损。',
    whyEn:
      'When the system shows nothing, ask for proof through official channels instead of arguing. Reminding them that only official channels count helps a customer who paid an impostor act quickly.',
  },
  {
    key: 'objection.pay_later.pin_date',
    purpose: 'objection',
    objection: 'pay_later',
    stages: ['M0', 'M1'],
    classes: [1],
    personalities: ['cooperative'],
    party: 'debtor',
    titleZh: '过几天再还：把时间说具体',
    titleEn: 'Pay later: make the date concrete',
    textZh:
      '好的，晚几天可以理解，我们把时间定具体一点：您说的过几天是哪一天？金额是全额{{应还金额}}吗？打算通过哪个渠道还？我记下来，到时候提醒您。',
    whyZh:
      '“过几天”不是承诺。把它拆成日期、金额、渠道三个问题，客户一一回答，就形成了可以跟进的承诺。“到时候提醒您”是服务，不是盯梢。',
    whyEn:
      '"In a few days" is not a promise. Breaking it into date, amount and channel turns it into one you can follow up. "I will remind you" is a service, not surveillance.',
  },
  {
    key: 'objection.pay_later.cost',
    purpose: 'objection',
    objection: 'pay_later',
    stages: ['M2', 'M3'],
    classes: [3],
    personalities: ['stubborn', 'scheming'],
    party: 'debtor',
    titleZh: '以后再还：说明拖延的代价',
    titleEn: 'Pay later: the cost of waiting',
    textZh:
      '您说以后再还，我理解您想缓一缓。不过每拖一天，逾期天数和按合同计算的违约金都可能继续增加，征信上的逾期时长也可能继续累计。与其说以后，我们不如今天就定下一个日期：最晚哪一天能还？',
    whyZh:
      '对拖延型客户，用事实说明拖延的成本，而不是威胁。“与其说以后，不如今天定日期”把模糊的推托变成一个必须回答的具体问题。',
    whyEn:
      'With a stalling customer, state the cost of delay as fact, not threat. "Rather than later, pick a date today" turns a vague put-off into a concrete question that needs an answer.',
  },
  {
    key: 'objection.spouse_will_pay.own_account',
    purpose: 'objection',
    objection: 'spouse_will_pay',
    stages: ['M1', 'M2'],
    party: 'debtor',
    titleZh: '爱人会还：账户在本人名下',
    titleEn: 'Spouse will pay: the account is in your name',
    textZh:
      '家里人之间互相帮忙，我们理解。不过这个账户在您本人名下，我们也只和您本人确认安排。请问您这边能定在哪一天、通过哪个官方渠道处理？入账情况我们也只跟您本人核对。',
    whyZh:
      '债务只属于本人，坐席不能要求家人还款，也不去联系家人。承认家庭内部的安排是客户自己的事，但承诺必须由本人做出，日期和渠道由本人确认。',
    whyEn:
      "The debt is the customer's alone: never ask relatives to pay or contact them about it. Family arrangements are the customer's business, but the promise, date and channel are confirmed with the customer.",
  },
  {
    key: 'objection.spouse_will_pay.repeat',
    purpose: 'objection',
    objection: 'spouse_will_pay',
    stages: ['M2', 'M3'],
    classes: [3],
    personalities: ['scheming', 'stubborn'],
    party: 'debtor',
    titleZh: '爱人会还：再次推给家人',
    titleEn: 'Spouse will pay: passing it on again',
    textZh:
      '上次您也提到家里会处理，但到现在还没有入账。我们不会去联系您的家人，这个账户也只由您本人负责。所以今天我们就按您自己的安排来定：哪一天、多少金额、通过哪个官方渠道？',
    whyZh:
      '推诿型客户会把责任推给家人。明确我们不联系家人（这是红线），同时把承诺拉回本人身上，用三个具体问题收口。',
    whyEn:
      'A deflecting customer shifts responsibility to family. Say plainly that we do not contact relatives (a red line), bring the promise back to the customer and close with three concrete questions.',
  },
  {
    key: 'objection.not_my_spending.dispute',
    purpose: 'objection',
    objection: 'not_my_spending',
    stages: stages(OVERDUE),
    party: 'debtor',
    titleZh: '不是我消费的：登记交易争议',
    titleEn: 'Not my spending: register a dispute',
    textZh:
      '如果有您不认可的交易，我们会认真对待。请您说一下是哪几笔、大概什么时间，卡片当时在谁手里。我会帮您登记交易争议，并告诉您需要提交的书面材料。核实期间，没有争议的部分还是建议您按时处理，以免可能产生的违约金。',
    whyZh:
      '交易争议有正式流程，坐席的任务是把事实问清楚并登记，而不是判断真假。把争议部分和无争议部分分开，避免整个账户因部分争议停滞。',
    whyEn:
      'Disputes have a formal process: the agent gathers facts and registers them, not judges them. Separating disputed from undisputed parts keeps the whole account from stalling.',
  },
  {
    key: 'objection.not_my_spending.ex_partner',
    purpose: 'objection',
    objection: 'not_my_spending',
    stages: ['M2', 'M3', 'M3+'],
    personalities: ['scheming'],
    party: 'debtor',
    titleZh: '不是我消费的：说是前任用的卡',
    titleEn: 'Not my spending: "my ex used the card"',
    textZh:
      '您说是前任在用这张卡，这个情况需要走正式的核实流程。按合同，卡片和密码由持卡人保管；如果是未经您同意被使用，建议您尽快报警，并向我们提交书面争议，我们会按流程核查。在核查有结论之前，账户仍然在您名下，逾期可能继续影响您的征信，所以建议您先就没有争议的部分做个安排。',
    whyZh:
      '不替客户下结论，也不去找对方的前任：指出合同约定的保管责任，给出报警和书面争议两条正式途径。说明核查期间账户仍在本人名下，让这个说法不能成为无限期拖延的理由。',
    whyEn:
      'Neither judge nor contact the ex: point to the card-keeping duty in the contract and to the two formal routes (police report, written dispute). While it is reviewed the account stays in their name, so the claim cannot become an endless delay.',
  },
  {
    key: 'objection.send_bill_first.send',
    purpose: 'objection',
    objection: 'send_bill_first',
    stages: ['M0', 'M1'],
    personalities: ['cooperative', 'vain'],
    party: 'debtor',
    titleZh: '先寄账单：马上提供',
    titleEn: 'Send the bill first: provide it right away',
    textZh:
      '没问题，账单和明细您随时可以在{{官方还款渠道}}查看，我也可以马上给您发一条官方短信，里面有查询方式。您看完账单后，哪天方便给我们一个答复？我那天再联系您。',
    whyZh:
      '要账单是合理要求，立刻满足，不给拖延留空间。同时约定看完账单后的答复日期，让“先寄账单”有一个明确的下一步。',
    whyEn:
      'Asking for the bill is reasonable: satisfy it at once so it cannot become a delay. Agree on a day to reply after reading it, so the request has a clear next step.',
  },
  {
    key: 'objection.send_bill_first.stall',
    purpose: 'objection',
    objection: 'send_bill_first',
    stages: ['M2', 'M3', 'M3+'],
    personalities: ['scheming', 'stubborn'],
    party: 'debtor',
    titleZh: '先寄账单：用作拖延时',
    titleEn: 'Send the bill first: used to stall',
    textZh:
      '纸质账单可以给您寄，电子明细现在就能在{{官方还款渠道}}查到，不需要等。我先把主要数字念给您：应还{{应还金额}}，已逾期{{逾期天数}}天。邮寄需要几天，这期间违约金可能继续按合同计算，所以建议您先按这个数字定一个还款日期，收到纸质账单后如有出入，我们再核对调整。',
    whyZh:
      '满足寄账单的要求，但指出电子明细已经可以查，并当场报出主要数字，消除“不知道欠多少”的理由。约定“有出入再调整”，客户就没有理由不先定日期。',
    whyEn:
      'Agree to post the bill, but point out the electronic statement is available now and read the main figures, removing "I do not know how much". "We adjust if it differs" leaves no reason not to set a date now.',
  },
  {
    key: 'objection.fees_unfair.explain',
    purpose: 'objection',
    objection: 'fees_unfair',
    stages: stages(OVERDUE),
    party: 'debtor',
    titleZh: '费用不合理：解释依据与异议渠道',
    titleEn: 'Fees are unfair: explain the basis and the dispute route',
    textZh:
      '您对费用有疑问，我们一项一项说清楚。利息和违约金都是按您签署的合同条款计算的，我可以把计算方式讲给您，也可以给您发明细。如果您认为计算有误，可以通过官方客服{{客服电话}}提出书面异议。至于减免，需要按规定提交申请、经审批决定，我可以帮您提交，但不能向您承诺结果。',
    whyZh:
      '费用有合同依据，讲清计算方式往往就能化解不满。给出正式异议渠道，尊重客户的权利。减免只能说“帮您申请、不能承诺结果”，坐席没有减免权限。',
    whyEn:
      'Fees rest on the contract; explaining the calculation often defuses the anger. Give the formal dispute route. On waivers say only "I can submit it, I cannot promise the result": agents have no waiver authority.',
  },
  {
    key: 'objection.fees_unfair.principal_first',
    purpose: 'objection',
    objection: 'fees_unfair',
    stages: ['M2', 'M3', 'M3+'],
    personalities: ['strong', 'stubborn'],
    party: 'debtor',
    titleZh: '费用不合理：先谈本金',
    titleEn: 'Fees are unfair: settle the principal first',
    textZh:
      '费用的问题您可以投诉，这是您的权利，我也会把您的意见记录下来。不过本金是您实际使用的钱，这一部分没有争议。我们能不能先把本金的还款安排定下来，费用部分同时走异议流程？这样两边都不耽误。',
    whyZh:
      '强硬、固执的客户常抓住费用不放。承认其投诉权利，再把“没有争议的本金”单独拿出来谈，两条线并行，不让费用争议拖住整个账户。',
    whyEn:
      'Strong or stubborn customers fix on the fees. Acknowledge their right to complain, then take the undisputed principal separately; two tracks in parallel keep the fee dispute from freezing the account.',
  },
  {
    key: 'objection.sue_me.calm',
    purpose: 'objection',
    objection: 'sue_me',
    stages: ['M2', 'M3', 'M3+'],
    classes: [3],
    personalities: ['strong'],
    party: 'debtor',
    titleZh: '你去起诉吧：平静回应',
    titleEn: '"Sue me then": answer calmly',
    textZh:
      '您说让我们去起诉，我理解您现在有情绪。诉讼确实是债权方依法可以选择的途径之一，但那会花费双方大量的时间和精力，相关费用最后也可能由败诉一方承担。我们更希望通过协商解决：您看有没有一个您能接受的还款方案？',
    whyZh:
      '“你去告我”多半是情绪或试探。不接招、不升级，如实说明诉讼是合法途径，以及它对双方可能的成本，然后把对话拉回协商。绝不夸大诉讼后果。',
    whyEn:
      '"Sue me" is mostly emotion or a test. Do not rise to it: state truthfully that litigation is a lawful option and what it may cost both sides, then return to negotiation. Never exaggerate what a lawsuit does.',
  },
  {
    key: 'objection.sue_me.facts',
    purpose: 'objection',
    objection: 'sue_me',
    stages: ['M3', 'M3+'],
    classes: [3, 4],
    personalities: ['stubborn', 'scheming'],
    party: 'debtor',
    titleZh: '你去起诉吧：说明谁来决定',
    titleEn: '"Sue me then": who decides',
    textZh:
      '是否起诉由债权方依法决定，不是我在电话里能定的，我也不会拿这个吓唬您。如实告诉您：如果一直没有还款安排，债权方可能会依法提起诉讼，进入诉讼后怎么判由法院决定。在那之前，协商的空间还在，您愿意先谈一个方案吗？',
    whyZh:
      '坐席不能替法院或债权方做决定，也不能用诉讼恐吓。说清楚决定权在谁、结果由法院判，用“可能”表述，既真实又不越权；最后给出协商的出口。',
    whyEn:
      'The agent cannot decide for the creditor or the court and must not use litigation as a threat. Say who decides and that the court rules, with "may": true and within authority; then offer the way to negotiate.',
  },
  {
    key: 'objection.want_supervisor.record',
    purpose: 'objection',
    objection: 'want_supervisor',
    stages: stages(ALL),
    personalities: ['vain'],
    party: 'debtor',
    titleZh: '要找主管：登记并安排回电',
    titleEn: 'Wants the supervisor: log it and arrange a callback',
    textZh:
      '可以的，您希望和主管沟通，我尊重您的要求。我会把您的诉求完整记录下来交给主管，一般会在两个工作日内安排回电，回电号码是{{客服电话}}，请您留意接听。在等待期间，如果您愿意，我们也可以先把能确定的事情定下来。',
    whyZh:
      '虚荣型客户希望被重视，满足合理要求反而更容易合作。如实说明回电的时间和号码，不夸口；同时邀请客户先确定能确定的部分，不让等待变成停滞。',
    whyEn:
      'Face-conscious customers want to be taken seriously; granting a reasonable request makes them cooperate. Give the callback time and number honestly, without boasting, and invite them to settle what can be settled meanwhile.',
  },
  {
    key: 'objection.want_supervisor.authority',
    purpose: 'objection',
    objection: 'want_supervisor',
    stages: ['M2', 'M3', 'M3+'],
    personalities: ['strong'],
    party: 'debtor',
    titleZh: '要找主管：说明自己能处理什么',
    titleEn: 'Wants the supervisor: what I can handle',
    textZh:
      '您要找主管可以，我这就帮您登记。也跟您说明一下：这个账户目前由我负责跟进，大部分问题我都可以直接处理；像减免这类需要审批的事项，不管找谁都要按流程提交。您先说说想解决的是什么问题，我看看现在能不能帮上。',
    whyZh:
      '强硬型客户找主管，常常是想绕过坐席施压。先答应登记，再说明坐席的处理范围和审批流程对谁都一样，客户就没有必要绕开你；最后把话题引回具体问题。',
    whyEn:
      'A strong customer asking for the supervisor often wants to go over your head. Agree to log it, explain what you can do and that approvals work the same for anyone, then steer back to the actual issue.',
  },
  {
    key: 'objection.hostile.listen',
    purpose: 'objection',
    objection: 'hostile',
    stages: stages(OVERDUE),
    personalities: ['strong', 'emotional'],
    party: 'debtor',
    titleZh: '情绪激烈：先让对方说完',
    titleEn: 'Hostile: let them vent first',
    textZh:
      '我听得出来您很生气，您可以把不满说出来，我在听。我们打这个电话不是为了跟您争吵，只是希望把账户的事情处理好。等您方便的时候，我们用两分钟定一个还款时间，可以吗？',
    whyZh:
      '对方发火时，解释和反驳只会火上浇油。先承认情绪、表示在听，等对方说完再把话题拉回“两分钟定个时间”这样小而具体的目标。坐席永远不回骂。',
    whyEn:
      'When they are angry, explaining or arguing adds fuel. Acknowledge the feeling and listen, then bring it back to a small concrete goal like "two minutes to set a date". Never answer abuse with abuse.',
  },
  {
    key: 'objection.hostile.boundary',
    purpose: 'objection',
    objection: 'hostile',
    stages: ['M2', 'M3', 'M3+'],
    personalities: ['strong', 'stubborn'],
    party: 'debtor',
    titleZh: '情绪激烈：礼貌结束并改期',
    titleEn: 'Hostile: end politely and reschedule',
    textZh:
      '我理解您的情绪，但如果继续这样沟通，我们今天可能很难谈出结果。我先把本次通话记录下来，换一个时间再和您联系；您也可以在方便的时候拨打{{客服电话}}找我们。',
    whyZh:
      '持续辱骂时，坐席有权礼貌地结束通话，而不是硬扛或反击。说明原因、约定改期、留下官方电话，既保护自己，也给客户冷静后回头的路。',
    whyEn:
      'When abuse continues, the agent may end the call politely instead of enduring or fighting back. Give the reason, reschedule, leave the official number: it protects the agent and leaves the customer a way back once calm.',
  },
  {
    key: 'objection.hostile.complaint',
    purpose: 'objection',
    objection: 'hostile',
    stages: stages(ALL),
    personalities: ['strong', 'vain'],
    party: 'debtor',
    titleZh: '情绪激烈：扬言投诉',
    titleEn: 'Hostile: threatens to complain',
    textZh:
      '您要投诉是您的权利，官方投诉渠道是{{客服电话}}，我的工号是{{工号}}。每一通电话都有录音，如果我有说得不妥的地方，欢迎您指出来。账户本身的问题还是需要处理的，我们可以先谈这个吗？',
    whyZh:
      '面对投诉的说法，主动给出渠道和工号，显示坦然，情绪反而容易平复。录音的存在同时约束双方。最后温和地回到账户本身。',
    whyEn:
      'When they threaten to complain, offer the channel and your staff number: being open calms things down. The recording holds both sides to account. Then gently return to the account.',
  },
  {
    key: 'objection.company_process_delay.track',
    purpose: 'objection',
    objection: 'company_process_delay',
    stages: ['M1', 'M2'],
    classes: [1, 2],
    personalities: ['cooperative'],
    party: 'debtor',
    titleZh: '企业：付款审批流程慢',
    titleEn: 'Company: slow payment approval',
    textZh:
      '理解，贵公司的付款要走内部审批。方便告诉我现在到了哪个环节吗？审批人在哪个部门？预计哪天能走完？如果需要我们提供对账单或其他材料，我今天就通过官方渠道发给您，免得流程再耽误。',
    whyZh:
      '企业客户的“流程”常是真实的。问清卡在哪个环节、谁审批、哪天完成，把笼统的“在走流程”变成可以跟进的节点；主动提供材料，消除流程拖延的借口。',
    whyEn:
      'A company\'s "process" is often real. Asking which step, who approves and when turns "in process" into milestones you can follow; offering documents removes the excuse for delay.',
  },
  {
    key: 'objection.company_process_delay.written_plan',
    purpose: 'objection',
    objection: 'company_process_delay',
    stages: ['M2', 'M3'],
    classes: [3],
    personalities: ['stubborn', 'scheming'],
    party: 'debtor',
    titleZh: '企业：流程说法反复出现',
    titleEn: 'Company: the process excuse again',
    textZh:
      '审批流程的情况上次我们也记录过，到现在款项还没有到。为了不再拖下去，想请您出具一份书面的付款计划，写明付款日期和金额，并告诉我贵公司财务的对接人和联系方式。账户继续逾期可能产生更多违约金，也可能影响贵公司的信用记录。',
    whyZh:
      '同一理由反复出现时，要求书面付款计划和财务对接人，把口头说法变成可以核对的承诺。后果用“可能”说明，对象是企业本身。',
    whyEn:
      'When the same excuse returns, ask for a written payment plan and a finance contact: a verbal line becomes a checkable commitment. Consequences with "may", addressed to the company itself.',
  },
  {
    key: 'objection.company_cashflow.staged',
    purpose: 'objection',
    objection: 'company_cashflow',
    stages: ['M1', 'M2'],
    classes: [2],
    personalities: ['cooperative'],
    party: 'debtor',
    titleZh: '企业：资金紧张，按回款节奏分期',
    titleEn: 'Company: cash-flow squeeze, staged by receivables',
    textZh:
      '经营上资金紧张，我们能理解。想了解一下贵公司的回款周期：下一笔应收款大概什么时候到账？我们可以按您的回款节奏，拟一个分阶段的还款方案报审批，能否批准以审批结果为准。您看第一笔在哪天、能付多少？',
    whyZh:
      '有意愿但资金紧的企业，按其回款节奏设计方案最可行。说明方案需审批，不当场承诺；用“第一笔哪天、多少”立刻落到可执行的第一步。',
    whyEn:
      "For a willing company short of cash, a plan that follows its receivables works best. Say the plan needs approval, promise nothing on the spot, and pin down the first payment's date and amount.",
  },
  {
    key: 'objection.company_cashflow.evidence',
    purpose: 'objection',
    objection: 'company_cashflow',
    stages: ['M3', 'M3+'],
    classes: [3, 4],
    personalities: ['scheming'],
    party: 'debtor',
    titleZh: '企业：资金紧张，请提供材料',
    titleEn: 'Company: cash-flow squeeze, ask for evidence',
    textZh:
      '资金困难的情况我们会记录，但也需要看到实际情况：能否提供近几个月的经营流水或财务报表？有了材料，我们按实际情况评估一个可行的方案；如果一直没有材料也没有安排，债权方可能会考虑依法通过诉讼等方式处理。',
    whyZh:
      '长期逾期的企业说资金紧，需要材料佐证。要求流水或报表，是评估能力、区分“不能还”和“不想还”的依据；诉讼只作为可能性说明。',
    whyEn:
      'A long-overdue company claiming a squeeze must show it. Bank statements or accounts are how you tell "cannot" from "will not"; litigation is mentioned only as a possibility.',
  },
  {
    key: 'objection.quality_dispute.separate',
    purpose: 'objection',
    objection: 'quality_dispute',
    stages: ['M1', 'M2'],
    party: 'debtor',
    titleZh: '质量争议：把争议和付款分开',
    titleEn: 'Quality dispute: separate it from payment',
    textZh:
      '产品或服务的质量问题，我们会认真对待，您可以同时通过正式渠道投诉或和供应方协商。但付款和质量争议是两件事，建议分开处理。请问有争议的是哪一部分、涉及多少？没有争议的部分，我们能不能先定个付款日期？',
    whyZh:
      '质量争议是常见的推迟付款理由。认可争议需要处理，同时说明它和付款义务是两件事；先问清争议范围，再推动无争议部分付款。',
    whyEn:
      'A quality dispute is a common reason to hold back payment. Accept that it needs handling, explain it is separate from the duty to pay, scope it, then move the undisputed part.',
  },
  {
    key: 'objection.quality_dispute.evidence',
    purpose: 'objection',
    objection: 'quality_dispute',
    stages: ['M2', 'M3'],
    personalities: ['scheming', 'stubborn'],
    party: 'debtor',
    titleZh: '质量争议：请提供书面材料',
    titleEn: 'Quality dispute: ask for written evidence',
    textZh:
      '您提到质量有问题，请把相关的书面材料，比如验收记录、往来函件，通过官方渠道发给我们，我们会交给相关部门核实。没有材料的话，我们只能按合同约定继续跟进，逾期可能继续产生违约金。您看材料哪天能发过来？',
    whyZh:
      '反复以质量为由拖延时，要求书面证据，用事实说话；给出提交材料的日期，让争议进入可以核实、有结论的流程。',
    whyEn:
      'When quality is a recurring excuse, ask for written evidence and a date to send it: the dispute enters a process that can be verified and concluded.',
  },
  {
    key: 'objection.responsible_person_left.successor',
    purpose: 'objection',
    objection: 'responsible_person_left',
    stages: ['M1', 'M2'],
    party: 'debtor',
    titleZh: '负责人离职：找接手的人',
    titleEn: 'Responsible person left: find the successor',
    textZh:
      '负责人离职了，但公司的付款义务不会因为人员变动而改变。麻烦您告诉我现在是谁接手这项工作，或者财务部门的对接人是谁，怎么联系？我们会把材料重新发一份，方便新的负责人了解情况。',
    whyZh:
      '企业的债务属于企业，不随个人离职消失。礼貌说明这一点，然后聚焦在找到新的对接人；主动重发材料，减少交接造成的拖延。',
    whyEn:
      "The company's debt belongs to the company and does not leave with a person. Say so politely, find the new contact, and resend the documents to cut handover delays.",
  },
  {
    key: 'objection.responsible_person_left.formal',
    purpose: 'objection',
    objection: 'responsible_person_left',
    stages: ['M2', 'M3', 'M3+'],
    personalities: ['stubborn', 'scheming'],
    party: 'debtor',
    titleZh: '负责人离职：要求书面交接',
    titleEn: 'Responsible person left: ask for a written handover',
    textZh:
      '人员变动是贵公司内部的安排，交接需要时间我们理解，但款项已经逾期{{逾期天数}}天。请在{{截止日期}}前书面告知新的负责人和付款计划；如果一直没有对接人，债权方可能会向贵公司正式发函，也可能依法通过诉讼等方式处理。',
    whyZh:
      '当“负责人走了”成为拖延手段，要求在具体日期前书面确认新负责人和计划。后续可能的正式发函和诉讼都用“可能”说明，对象是企业。',
    whyEn:
      'When "the person left" becomes a tactic, ask for the new contact and a plan in writing by a date. The possible formal letter and litigation are said with "may" and addressed to the company.',
  },
  {
    key: 'objection.deceased_relative.grief',
    purpose: 'objection',
    objection: 'deceased_relative',
    stages: ['M1', 'M2', 'M3'],
    classes: [2],
    personalities: ['emotional'],
    party: 'debtor',
    titleZh: '家人去世：客户正在办丧事',
    titleEn: 'A relative died: the customer is grieving',
    textZh:
      '听到您家里的不幸，请您节哀。这段时间您先把家里的事情安顿好，我这边先暂缓几天再联系。等您方便的时候，我们再一起看看还款安排；如果这件事影响了您的收入，也可以申请调整方案，结果以审批为准。您看我哪天再联系您比较合适？',
    whyZh:
      '这种时候催款既不近人情，也难有结果。先致哀、主动暂缓，请客户自己定下次联系的时间；说明可以申请调整，但结果以审批为准。',
    whyEn:
      'Pressing for payment now is neither humane nor effective. Offer condolences, pause, and let the customer choose the next contact; mention that an adjustment can be applied for, subject to approval.',
  },
  {
    key: 'objection.deceased_relative.lost_earner',
    purpose: 'objection',
    objection: 'deceased_relative',
    stages: ['M2', 'M3', 'M3+'],
    classes: [4],
    party: 'debtor',
    titleZh: '家人去世：失去主要收入来源',
    titleEn: 'A relative died: the main income is gone',
    textZh:
      '请您节哀，失去家里的主要收入，这个变化确实很大。我们需要重新看一下您本人现在的情况：您自己目前有什么收入，每月大概能拿出多少？我会如实记录，作为申请调整方案的依据，结果以审批为准。',
    whyZh:
      '收入支柱去世后，客户可能从有能力变成无能力，需要重新评估。只问本人的收入和能力，不要求其他家人承担；调整方案以审批为准。',
    whyEn:
      "When the earner dies the customer may no longer be able to pay: reassess. Ask only about the customer's own income, never ask other relatives to carry it; any adjustment is subject to approval.",
  },
  {
    key: 'objection.deceased_relative.third_party_reports_death',
    purpose: 'objection',
    objection: 'deceased_relative',
    stages: stages(OVERDUE),
    party: 'third_party',
    titleZh: '第三方告知本人已去世',
    titleEn: 'A third party says the person has died',
    textZh:
      '非常抱歉，打扰您了，请您节哀。今天就不再多打扰。方便的话，想请您告诉我家里是哪一位在料理他的身后事务、怎么联系；之后我们会按正式程序以书面形式联系，并减少电话打扰。',
    whyZh:
      '接电话的人是第三方，不能透露任何账户信息，也不能要求家属承担。致哀后只询问料理身后事务的联系人，后续走书面和正式程序；同时在系统中标记，暂停对该号码的拨打。',
    whyEn:
      'The person on the line is a third party: reveal nothing and ask nothing of the family. After condolences ask only who handles the estate and how to reach them; the rest goes in writing through the formal process, and the case is flagged so the number is not dialled again.',
  },
  {
    key: 'objection.refuses_to_talk.later',
    purpose: 'objection',
    objection: 'refuses_to_talk',
    stages: ['M1', 'M2'],
    party: 'debtor',
    titleZh: '拒绝沟通：约一个方便的时间',
    titleEn: 'Refuses to talk: agree a better time',
    textZh:
      '我理解您现在可能不方便，我只占用您一分钟。如果现在确实不方便，您定一个时间，我那时候再打过来；您也可以随时拨打{{客服电话}}找我们。',
    whyZh:
      '拒绝沟通不一定是拒绝还款，可能只是时机不对。把选择权交给客户，让他定时间，比硬聊更容易得到下一次有效的通话。',
    whyEn:
      'Refusing to talk is not always refusing to pay; it may just be bad timing. Letting the customer pick the time gets a useful next call more often than pushing on.',
  },
  {
    key: 'objection.refuses_to_talk.firm',
    purpose: 'objection',
    objection: 'refuses_to_talk',
    stages: ['M3', 'M3+'],
    personalities: ['stubborn', 'strong'],
    party: 'debtor',
    titleZh: '拒绝沟通：如实说明并留下渠道',
    titleEn: 'Refuses to talk: state the facts and leave the door open',
    textZh:
      '您可以不和我多谈，这是您的选择。我只把情况如实说清楚：账户已经逾期{{逾期天数}}天，如果一直没有任何沟通，债权方可能会按程序安排外访，也可能依法起诉。您想谈的时候，随时拨打{{客服电话}}就可以找到我们。',
    whyZh:
      '尊重客户不谈的选择，但让他在知情的情况下做选择：如实说明可能的后续步骤，用“可能”，不夸大；最后留下渠道，让回头的路一直开着。',
    whyEn:
      'Respect the choice not to talk, but let it be an informed one: state the possible next steps truthfully with "may", without exaggeration, and leave the channel open for when they want to come back.',
  },
  {
    key: 'objection.refuses_to_talk.third_party',
    purpose: 'objection',
    objection: 'refuses_to_talk',
    stages: stages(OVERDUE),
    party: 'third_party',
    titleZh: '第三方不愿再接电话',
    titleEn: 'A third party does not want further calls',
    textZh: '好的，不好意思打扰您了。您的意思我已经记下，之后不会再为这件事给您打电话。祝您生活顺利，再见。',
    whyZh: '第三方没有义务配合，对方拒绝就停止，并在系统中登记为不再联系。请求而不强迫，是第三方沟通的底线。',
    whyEn:
      'A third party owes us nothing: when they refuse, stop and record that they are not to be contacted again. Request, never force.',
  },

  // ——— commitment (获取承诺：金额 + 日期 + 官方渠道) ———
  {
    key: 'commitment.full',
    purpose: 'commitment',
    stages: ['M0', 'M1'],
    classes: [1],
    party: 'debtor',
    titleZh: '承诺：全额还款',
    titleEn: 'Commitment: pay in full',
    textZh:
      '那我们就这样约定：您在{{承诺日期}}之前，通过{{官方还款渠道}}还款{{承诺金额}}，对吗？还款请只用官方渠道，不要转给任何个人，包括我本人。一般一到两个工作日入账。',
    whyZh:
      '承诺必须有金额、日期、渠道三个要素，缺一个都难以跟进。每次都强调只走官方渠道、不转给任何个人，既是红线，也保护客户不被冒充者骗走钱。',
    whyEn:
      'A promise needs amount, date and channel; without one of them you cannot follow it up. Stress every time that only official channels are used and never a person: a red line, and protection against impostors.',
  },
  {
    key: 'commitment.first_step',
    purpose: 'commitment',
    stages: ['M1', 'M2', 'M3'],
    classes: [2],
    party: 'debtor',
    titleZh: '承诺：先还一部分，其余申请分期',
    titleEn: 'Commitment: part now, apply for instalments on the rest',
    textZh:
      '按您刚才说的情况，我们先定第一步：{{承诺日期}}前通过{{官方还款渠道}}先还{{承诺金额}}。剩下的部分，我帮您提交分期申请，审批结果出来后我第一时间告诉您。这样安排您觉得能做到吗？做不到的话现在就告诉我，我们再调整。',
    whyZh:
      '有意愿没能力的客户，先定一个做得到的第一步，其余走分期申请。“做不到现在就说”鼓励客户给出真实的承诺，避免口头答应、到期失约。',
    whyEn:
      'For willing but unable customers, fix an achievable first step and apply for instalments on the rest. "Tell me now if you cannot" invites an honest promise instead of a yes that breaks later.',
  },
  {
    key: 'commitment.firm_date',
    purpose: 'commitment',
    stages: ['M2', 'M3', 'M3+'],
    classes: [3],
    personalities: ['scheming', 'stubborn'],
    party: 'debtor',
    titleZh: '承诺：把“尽快”变成具体日期',
    titleEn: 'Commitment: turn "soon" into a date',
    textZh:
      '那我们就不说尽快了，定一个具体的：哪一天、多少钱、通过哪个渠道？好的，{{承诺日期}}前，{{承诺金额}}，通过{{官方还款渠道}}。这个承诺我会记录下来，如果到期没有入账，后续的处理方式可能会有所调整。',
    whyZh:
      '对有能力不愿还的客户，“尽快”“争取”没有意义，必须逼出具体的三要素。告知承诺会被记录、失约可能改变处理方式，是真实说明而不是威胁。',
    whyEn:
      'With able but unwilling customers "soon" means nothing: get the three elements. Saying the promise is recorded and a broken one may change the approach is a true statement, not a threat.',
  },
  {
    key: 'commitment.vague',
    purpose: 'commitment',
    stages: stages(OVERDUE),
    party: 'debtor',
    titleZh: '承诺：客户说“尽量”',
    titleEn: 'Commitment: the customer says "I will try"',
    textZh:
      '您说尽量、争取，我能理解，但为了不让您再接到重复的提醒，我们需要一个确定的日期和金额。您觉得最稳妥能做到的是哪一天、多少，通过哪个官方渠道还？宁可少一点，也要说到做到。',
    whyZh:
      '“尽量”给客户留了失约的余地。从客户的利益出发（少接提醒），请他给出最稳妥的日期、金额和官方渠道；“宁可少一点”让承诺更可能兑现。',
    whyEn:
      '"I will try" leaves room to break it. Appeal to their interest (fewer reminders) and ask for the safest figure; "better less but kept" makes the promise more likely to hold.',
  },
  {
    key: 'commitment.after_broken_promises',
    purpose: 'commitment',
    stages: ['M2', 'M3', 'M3+'],
    classes: [3, 4],
    party: 'debtor',
    titleZh: '承诺：两次失约后换方法',
    titleEn: 'Commitment: a new approach after two broken promises',
    textZh:
      '前两次约定的日期都没有入账，所以这一次我们换个方式：先定一个小一点、您确定能做到的金额，在{{承诺日期}}前通过{{官方还款渠道}}还{{承诺金额}}。如果这次仍然没有兑现，账户可能会转入更高一级的处理流程。',
    whyZh:
      '承诺两次失约，说明原来的方法不管用。把金额降到对方一定能做到的水平，先重建信用；同时如实说明再次失约可能升级处理。',
    whyEn:
      'Two broken promises mean the approach is not working. Lower the amount to something certain to rebuild trust, and say truthfully that another miss may escalate the case.',
  },

  // ——— recap (复述确认) ———
  {
    key: 'recap.promise',
    purpose: 'recap',
    stages: stages(ALL),
    party: 'debtor',
    titleZh: '复述：确认承诺',
    titleEn: 'Recap: confirm the promise',
    textZh:
      '我跟您复述一遍，确认没有记错：您在{{承诺日期}}前，通过{{官方还款渠道}}还款{{承诺金额}}。到时候如果有变化，请提前拨打{{客服电话}}告诉我们。我说的对吗？',
    whyZh:
      '复述让双方对承诺的理解一致，也让客户亲口再确认一次，提高兑现率。“有变化提前说”给客户一个不失约的选择。',
    whyEn:
      'Repeating it aligns both sides and makes the customer confirm once more, which raises the kept rate. "Tell us ahead if it changes" gives them a way not to break it.',
  },
  {
    key: 'recap.plan',
    purpose: 'recap',
    stages: stages(OVERDUE),
    classes: [2],
    party: 'debtor',
    titleZh: '复述：确认分步方案',
    titleEn: 'Recap: confirm a staged plan',
    textZh:
      '再确认一下今天谈好的内容：第一笔{{承诺金额}}在{{承诺日期}}前通过{{官方还款渠道}}支付；剩余部分的分期申请由我提交，审批结果出来后我会联系您。在结果出来之前，请您先按第一笔的约定执行。有没有哪一点和您理解的不一样？',
    whyZh: '分步方案容易被误解成“已经批了分期”。复述时分清已经约定的第一笔和尚在审批的部分，避免日后争议。',
    whyEn:
      'A staged plan is easily mistaken for "instalments approved". The recap separates the agreed first payment from the part still under approval, which prevents later disputes.',
  },

  // ——— closing (结束) ———
  {
    key: 'closing.thanks',
    purpose: 'closing',
    stages: stages(ALL),
    party: 'debtor',
    titleZh: '结束：致谢并留下联系方式',
    titleEn: 'Closing: thank and leave contact details',
    textZh:
      '感谢您的配合。稍后您会收到一条官方短信，里面有还款渠道和客服电话。如有任何疑问，请拨打{{客服电话}}，我是{{坐席姓名}}，工号{{工号}}。祝您生活顺利，再见。',
    whyZh:
      '礼貌收尾给下一次通话留好印象。再报一次姓名工号、告知会收到官方短信，客户可以据此核实，也不容易被冒充者利用。',
    whyEn:
      'A polite close sets up the next call. Repeating your name and staff number and announcing the official SMS lets the customer verify and leaves less room for impostors.',
  },
  {
    key: 'closing.no_agreement',
    purpose: 'closing',
    stages: stages(OVERDUE),
    party: 'debtor',
    titleZh: '结束：未达成约定',
    titleEn: 'Closing: no agreement reached',
    textZh:
      '今天没能定下来，我理解您还需要考虑，我过两天再联系您。也请您记得，逾期时间越长，可能产生的费用越多，对征信的影响也可能越大。您想好了随时拨打{{客服电话}}，我是{{坐席姓名}}，工号{{工号}}。',
    whyZh:
      '没有承诺也要好好收尾：约定下次联系，平静重申可能的后果，留下渠道。不以威胁结束通话，客户下次才愿意接。',
    whyEn:
      'Close well even without a promise: agree on the next contact, restate the possible consequences calmly, leave the channel. Ending without a threat makes them pick up next time.',
  },
  {
    key: 'closing.m0',
    purpose: 'closing',
    stages: ['M0'],
    classes: [1],
    party: 'debtor',
    titleZh: '结束：还款日前提醒',
    titleEn: 'Closing: before the due date',
    textZh: '那就不多打扰了，记得在{{还款日}}前通过{{官方还款渠道}}还款就可以。谢谢您接听，祝您生活愉快。',
    whyZh: '未逾期的提醒要短，说完就结束，让客户感觉是服务而不是催收。',
    whyEn: 'A pre-due reminder should be short and end quickly, so it feels like service, not collection.',
  },

  // ——— third party (第三方：只说姓名和回电号码，不说事由) ———
  {
    key: 'third_party.intro',
    purpose: 'third_party',
    stages: stages(OVERDUE),
    party: 'third_party',
    titleZh: '第三方：开场',
    titleEn: 'Third party: opening',
    textZh: '您好，我是{{坐席姓名}}，想找一下{{客户姓名}}，请问方便请他接电话吗？',
    whyZh:
      '对第三方只报自己的姓名，不报机构、不说事由，因为机构名称本身就可能让人猜到欠款。只有在联系不上本人时才联系第三方，目的只是找到本人。',
    whyEn:
      'To a third party give only your own name, not the institution or the reason: the institution alone can reveal the debt. Third parties are contacted only when the debtor cannot be reached, and only to find them.',
  },
  {
    key: 'third_party.asks_why',
    purpose: 'third_party',
    stages: stages(OVERDUE),
    party: 'third_party',
    titleZh: '第三方：对方追问什么事',
    titleEn: 'Third party: they ask what it is about',
    textZh:
      '不好意思，这是{{客户姓名}}本人的私人事务，需要和本人直接沟通，不方便跟您细说，请您理解。我的回电号码是{{回电号码}}。',
    whyZh: '对方追问时，礼貌但坚定地不说事由，说明是为了保护本人的隐私。只留回电号码，不多解释，不暗示。',
    whyEn:
      "When pressed, politely but firmly keep the reason to yourself: it protects the person's privacy. Leave only the callback number; do not explain or hint.",
  },
  {
    key: 'third_party.relay',
    purpose: 'third_party',
    stages: stages(OVERDUE),
    party: 'third_party',
    titleZh: '第三方：请对方转告回电',
    titleEn: 'Third party: ask them to pass on a callback request',
    textZh: '能不能麻烦您转告{{客户姓名}}，请他方便的时候打电话给{{坐席姓名}}，号码是{{回电号码}}？谢谢您。',
    whyZh: '请第三方做的只有一件事：转告本人回电。用“能不能麻烦您”表达请求，不是要求。',
    whyEn:
      'The only thing asked of a third party is to pass on a callback request, phrased as a favour, not a demand.',
  },
  {
    key: 'third_party.ask_contact',
    purpose: 'third_party',
    stages: stages(OVERDUE),
    party: 'third_party',
    titleZh: '第三方：询问本人的联系方式',
    titleEn: "Third party: ask for the person's contact details",
    textZh:
      '请问您知道{{客户姓名}}现在用的是什么联系方式吗？如果方便，可以告诉我一个能联系上他本人的电话；不方便也完全没关系。',
    whyZh: '联系第三方的唯一正当目的，是取得联系本人的方式。明确“不方便也没关系”，让对方知道可以拒绝。',
    whyEn:
      'The only legitimate aim of a third-party contact is a way to reach the person. "It is fine if not" tells them they may decline.',
  },
  {
    key: 'third_party.declines',
    purpose: 'third_party',
    stages: stages(OVERDUE),
    party: 'third_party',
    titleZh: '第三方：对方不愿提供',
    titleEn: 'Third party: they decline to help',
    textZh: '好的，我理解，也尊重您的决定。打扰您了，谢谢您接听，再见。',
    whyZh: '对方不愿提供就立即停止，不追问、不施压、不再拨打同一位第三方。请求而不强迫。',
    whyEn:
      'When they decline, stop at once: no more questions, no pressure, no further calls to that person.',
  },
  {
    key: 'third_party.family_offers_help',
    purpose: 'third_party',
    stages: stages(OVERDUE),
    party: 'third_party',
    titleZh: '第三方：家人主动说可以代为处理',
    titleEn: 'Third party: a relative offers to handle it',
    textZh:
      '谢谢您的好意。这件事只能和{{客户姓名}}本人沟通，您不需要为此做任何事情。麻烦您转告他回电话给我就好，号码是{{回电号码}}。',
    whyZh:
      '家人主动要求代办时，仍然不能透露事由，更不能顺势让家人付钱。“您不需要为此做任何事情”明确家人没有任何义务。',
    whyEn:
      'When a relative offers to deal with it, still reveal nothing and never let them pay. "You do not need to do anything" makes clear the family has no obligation.',
  },
  {
    key: 'third_party.wrong_number',
    purpose: 'third_party',
    stages: stages(OVERDUE),
    party: 'third_party',
    titleZh: '第三方：打错号码或不认识本人',
    titleEn: 'Third party: wrong number or does not know the person',
    textZh:
      '不好意思，可能是号码登记有误，打扰您了。我会把这个号码标记为错误，不会再拨打。祝您生活愉快，再见。',
    whyZh: '打错或对方不认识本人，立即道歉结束，并在系统中标记为错误号码，避免重复打扰无关的人。',
    whyEn:
      'On a wrong number or a stranger, apologise, end the call and mark the number as wrong so unrelated people are not called again.',
  },

  // ——— SMS (短信): sender named first ———
  {
    key: 'sms.m0',
    purpose: 'sms',
    stages: ['M0'],
    party: 'debtor',
    titleZh: '短信：还款日前提醒',
    titleEn: 'SMS: due-date reminder',
    textZh:
      '【{{机构名称}}】尊敬的{{客户姓名}}，您尾号{{尾号}}的账户本期应还{{应还金额}}，还款日为{{还款日}}。请通过{{官方还款渠道}}按时还款，已还款请忽略。客服电话{{客服电话}}。',
    whyZh:
      '还款日前的短信只做提醒：写明发送机构、金额、日期和官方渠道，不谈后果；“已还款请忽略”避免打扰按时还款的客户。',
    whyEn:
      'A pre-due SMS only reminds: sender, amount, date and official channel, no consequences; "ignore if paid" avoids bothering those who already paid.',
  },
  {
    key: 'sms.m1',
    purpose: 'sms',
    stages: ['M1'],
    party: 'debtor',
    titleZh: '短信：逾期初期提醒',
    titleEn: 'SMS: early delinquency reminder',
    textZh:
      '【{{机构名称}}】尊敬的{{客户姓名}}，您尾号{{尾号}}的账户应还款项{{应还金额}}已过还款日，尚未入账。请尽快通过{{官方还款渠道}}处理，逾期可能产生违约金，也可能影响您的征信记录。如有困难请致电{{客服电话}}协商。',
    whyZh: '逾期后第一条短信：说明事实和可能的后果，同时给出“有困难可以协商”的出口，鼓励客户主动联系。',
    whyEn:
      'The first SMS after the due date: the facts, the possible consequences, and a way out ("call us if it is hard") that invites the customer to reach out.',
  },
  {
    key: 'sms.m2',
    purpose: 'sms',
    stages: ['M2'],
    party: 'debtor',
    titleZh: '短信：逾期第二个月',
    titleEn: 'SMS: second month past due',
    textZh:
      '【{{机构名称}}】{{客户姓名}}您好，您尾号{{尾号}}的账户已逾期{{逾期天数}}天，应还{{应还金额}}。我们多次未能与您取得联系，请于{{截止日期}}前致电{{客服电话}}或通过{{官方还款渠道}}处理。持续逾期可能影响您的征信记录。',
    whyZh:
      'M2短信说明联系不上的事实，请客户在具体日期前回电或还款；日期是请求处理的时间，不是虚构的“最后期限”。',
    whyEn:
      'The M2 SMS states that we could not reach them and asks for a call or payment by a date: a requested date, not an invented "final deadline".',
  },
  {
    key: 'sms.m3',
    purpose: 'sms',
    stages: ['M3'],
    party: 'debtor',
    titleZh: '短信：高风险阶段',
    titleEn: 'SMS: high-risk stage',
    textZh:
      '【{{机构名称}}】{{客户姓名}}您好，您尾号{{尾号}}的账户已逾期{{逾期天数}}天，应还{{应还金额}}。如仍未处理，我方可能安排外访或委托合作机构跟进，也可能依法提起诉讼。现在协商仍有机会，请致电{{客服电话}}。',
    whyZh:
      'M3短信可以列出合法的后续步骤，每一项都用“可能”；最后一句给出协商的出口，让短信的目的仍然是促成沟通。',
    whyEn:
      'An M3 SMS may list the lawful next steps, each with "may"; the last sentence offers negotiation so the message still aims at a conversation.',
  },
  {
    key: 'sms.m3plus',
    purpose: 'sms',
    stages: ['M3+'],
    party: 'debtor',
    titleZh: '短信：委外与法律阶段',
    titleEn: 'SMS: agency and legal stage',
    textZh:
      '【{{机构名称}}】{{客户姓名}}您好，我方受委托就您尾号{{尾号}}账户的逾期款项{{应还金额}}与您联系。债权方可能依法通过诉讼主张权利，是否立案由法院决定。如需协商还款方案，请致电{{客服电话}}，还款请只通过{{官方还款渠道}}。',
    whyZh:
      '委外阶段的短信写明发送机构和受托关系，诉讼只说可能、决定权在法院；提醒只走官方渠道，防止客户把钱付给冒充者。',
    whyEn:
      'At the agency stage the SMS names the sender and the mandate; litigation is only possible and the court decides; "official channels only" protects against impostors.',
  },
  {
    key: 'sms.promise_confirmation',
    purpose: 'sms',
    stages: stages(OVERDUE),
    party: 'debtor',
    titleZh: '短信：承诺确认',
    titleEn: 'SMS: promise confirmation',
    textZh:
      '【{{机构名称}}】{{客户姓名}}您好，您已约定于{{承诺日期}}前通过{{官方还款渠道}}还款{{承诺金额}}。请只通过官方渠道还款，任何个人要求转账均非我方行为。客服电话{{客服电话}}。',
    whyZh: '通话后用短信确认承诺的三要素，客户有据可查，也提高兑现率；同时提醒防范冒充者。',
    whyEn:
      'Confirming the three elements by SMS after the call gives the customer a record and raises the kept rate; it also warns against impostors.',
  },
  {
    key: 'sms.payment_received',
    purpose: 'sms',
    stages: stages(OVERDUE),
    party: 'debtor',
    titleZh: '短信：还款到账致谢',
    titleEn: 'SMS: payment received',
    textZh:
      '【{{机构名称}}】{{客户姓名}}您好，您尾号{{尾号}}账户的还款{{承诺金额}}已入账，感谢您的配合。如对账户有疑问，请致电{{客服电话}}。',
    whyZh: '兑现承诺后及时致谢确认，强化客户的正向行为，也减少“我已经还了”之类的后续争议。',
    whyEn:
      'Thanking and confirming promptly reinforces the kept promise and prevents later "I already paid" disputes.',
  },

  // ——— letters (函件): creditor, debtor, balance and breakdown, basis, how to pay, how to dispute ———
  {
    key: 'letter.m0',
    purpose: 'letter',
    stages: ['M0'],
    party: 'debtor',
    titleZh: '函件：还款提醒函',
    titleEn: 'Letter: payment reminder',
    textZh:
      '{{机构名称}}还款提醒函。尊敬的{{客户姓名}}：您尾号{{尾号}}的账户本期应还{{应还金额}}，还款日为{{还款日}}。请通过{{官方还款渠道}}按时还款。如对账单有疑问，请致电{{客服电话}}。此致。{{机构名称}}，{{函件日期}}。',
    whyZh: '提醒函写明发函机构、金额、日期、官方渠道和疑问渠道，语气是服务性的，不涉及任何后果。',
    whyEn:
      'A reminder letter names the sender, amount, date, official channel and where to ask questions; the tone is service, no consequences.',
  },
  {
    key: 'letter.m1',
    purpose: 'letter',
    stages: ['M1'],
    party: 'debtor',
    titleZh: '函件：逾期还款通知书',
    titleEn: 'Letter: notice of late payment',
    textZh:
      '{{机构名称}}逾期还款通知书。尊敬的{{客户姓名}}：截至{{函件日期}}，您尾号{{尾号}}的账户已逾期{{逾期天数}}天，应还{{应还金额}}，其中本金{{本金}}、利息{{利息}}、违约金{{违约金}}，均依据您与我方签订的合同计算。请于{{截止日期}}前通过{{官方还款渠道}}还款，我方不会要求您向任何个人付款。如对金额有异议，请致电{{客服电话}}或书面提出，我们将予以核实。逾期可能继续按合同产生违约金，并可能影响您的征信记录。{{机构名称}}，{{函件日期}}。',
    whyZh:
      '通知书包含函件的基本要素：债权人、债务人、金额及构成、逾期天数、依据、还款方式、异议渠道、联系电话和请求处理的日期；后果用“可能”。',
    whyEn:
      'The notice carries the basic elements: creditor, debtor, amount and breakdown, days past due, basis, how to pay, how to dispute, contact and the requested date; consequences with "may".',
  },
  {
    key: 'letter.m2',
    purpose: 'letter',
    stages: ['M2'],
    party: 'debtor',
    titleZh: '函件：催收函',
    titleEn: 'Letter: collection letter',
    textZh:
      '{{机构名称}}催收函。{{客户姓名}}：根据您与我方签订的合同及《中华人民共和国民法典》的相关规定，您负有按期还款的义务。截至{{函件日期}}，您尾号{{尾号}}的账户已逾期{{逾期天数}}天，应还{{应还金额}}，其中本金{{本金}}、利息{{利息}}、违约金{{违约金}}。请于{{截止日期}}前通过{{官方还款渠道}}还款。如确有困难，可致电{{客服电话}}申请还款安排，是否批准以审批结果为准。如对金额有异议，可书面提出，我们将予以核实。持续逾期可能影响您的征信记录，我方也可能依法采取进一步措施。{{机构名称}}，{{函件日期}}。',
    whyZh:
      'M2催收函加入法律依据，说明困难时的申请途径和审批原则；“进一步措施”前加“依法”和“可能”，不具体渲染，也不夸大。',
    whyEn:
      'The M2 letter adds the legal basis and the hardship route with its approval rule; "further steps" are qualified with "lawfully" and "may", neither dramatised nor exaggerated.',
  },
  {
    key: 'letter.m3',
    purpose: 'letter',
    stages: ['M3'],
    party: 'debtor',
    titleZh: '函件：高风险阶段催收函',
    titleEn: 'Letter: high-risk stage',
    textZh:
      '{{机构名称}}催收函。{{客户姓名}}：截至{{函件日期}}，您尾号{{尾号}}的账户已逾期{{逾期天数}}天，应还{{应还金额}}，其中本金{{本金}}、利息{{利息}}、违约金{{违约金}}，均依据双方合同计算。我方此前多次联系未能形成还款安排。请于{{截止日期}}前通过{{官方还款渠道}}还款或致电{{客服电话}}协商。如仍未处理，我方可能安排外访或委托合作机构跟进，也可能依法向有管辖权的人民法院提起诉讼。外访人员均为两人同行，会提前预约并出示工作证件，请您注意核实。如对金额有异议，可书面提出。{{机构名称}}，{{函件日期}}。',
    whyZh:
      'M3函件如实列出可能的后续步骤，并写明外访的规范（两人同行、预约、出示证件），既告知客户，也帮助客户识别冒充者。',
    whyEn:
      'The M3 letter lists the possible next steps truthfully and how visits are done (two people, appointment, ID shown), informing the customer and helping them spot impostors.',
  },
  {
    key: 'letter.m3plus',
    purpose: 'letter',
    stages: ['M3+'],
    party: 'debtor',
    titleZh: '函件：委外阶段告知函',
    titleEn: 'Letter: agency-stage notice',
    textZh:
      '{{机构名称}}告知函。{{客户姓名}}：我方受债权方委托，就您尾号{{尾号}}账户的逾期款项与您联系。截至{{函件日期}}，该账户已逾期{{逾期天数}}天，应还{{应还金额}}，其中本金{{本金}}、利息{{利息}}、违约金{{违约金}}。请于{{截止日期}}前致电{{客服电话}}协商，还款请只通过{{官方还款渠道}}，我方及工作人员不会要求您向任何个人付款。如协商不成，债权方可能依法提起诉讼，是否立案及如何判决均由法院决定。如对金额或委托关系有异议，可书面提出，我们将予以核实。{{机构名称}}，{{函件日期}}。',
    whyZh:
      '委外函件写明受托关系和债权构成，给出核实委托关系的异议途径；诉讼只说可能，决定权在法院；再次强调只走官方渠道。',
    whyEn:
      'The agency letter states the mandate and the breakdown, gives a way to dispute the mandate itself, mentions litigation only as possible and decided by the court, and repeats "official channels only".',
  },
];

export const SCRIPT_LIBRARY: readonly ScriptEntry[] = Object.freeze(
  entries.map((entry) => Object.freeze(entry)),
);

/** The order of a call (电话催收流程). SMS and letters are not call lines and come last. */
export const CALL_FLOW: readonly ScriptPurpose[] = [
  'opening',
  'identity_check',
  'third_party',
  'purpose',
  'amount',
  'reason',
  'objection',
  'commitment',
  'recap',
  'closing',
  'sms',
  'letter',
];
const flowIndex = new Map(CALL_FLOW.map((purpose, index) => [purpose, index]));

/**
 * The script stage of a bucket code: the M-stages as they are, short cycles (S1, S2, ...) as M1, M4 and
 * later (M4, M6+, ...) as M3+. Null for a code this library cannot place (then no stage filter applies).
 */
export function scriptStageOf(stage: string): ScriptStage | null {
  const code = stage.trim().toUpperCase();
  if ((SCRIPT_STAGES as readonly string[]).includes(code)) return code as ScriptStage;
  if (/^S\d+$/.test(code)) return 'M1';
  const month = /^M(\d+)\+?$/.exec(code);
  if (month) return Number(month[1]) >= 4 ? 'M3+' : null;
  return null;
}

function personalityOf(value: string | null | undefined): Personality | null {
  if (!value) return null;
  const text = value.trim();
  if ((PERSONALITIES as readonly string[]).includes(text)) return text as Personality;
  const byLabel = PERSONALITIES.find(
    (personality) =>
      PERSONALITY_LABELS[personality] === text || PERSONALITY_LABELS[personality].startsWith(text),
  );
  return byLabel ?? null;
}

/**
 * How well a restricted attribute fits: a match ranks first, an entry without the restriction is neutral,
 * a restricted entry for an unknown input value ranks last; a mismatch excludes the entry (null).
 */
function restrictionFit<T>(allowed: readonly T[] | undefined, value: T | null): number | null {
  if (!allowed) return 0;
  if (value === null) return -1;
  return allowed.includes(value) ? 1 : null;
}

/**
 * The call lines for a case, in the order of a call (opening, identity check, purpose, amount, reason, the
 * handlers of the given objection, commitment, recap, closing), the most specific first within each step:
 * entries written for the debtor's class and personality before general ones, general ones before those
 * restricted to a class or personality the input does not know, and stage-specific before broad ones.
 * Entries restricted to another class or personality are left out, except that when every handler of the
 * given objection is restricted that way, they are all offered (the ones for the case's stage first)
 * rather than none; objection handlers only for the given objection. For `party: 'third_party'` only third-party lines (never a debtor line). SMS and letter texts
 * are templates, not call lines, and are not returned: filter `SCRIPT_LIBRARY` by purpose for them.
 */
export function recommendScripts(input: {
  stage: string;
  delinquencyClass?: 1 | 2 | 3 | 4 | null;
  personality?: string | null;
  objection?: ObjectionKey | null;
  party?: 'debtor' | 'third_party';
}): ScriptEntry[] {
  const stage = scriptStageOf(input.stage);
  const party = input.party ?? 'debtor';
  const delinquencyClass = input.delinquencyClass ?? null;
  const personality = personalityOf(input.personality);
  const objection = input.objection ?? null;

  const ranked: { entry: ScriptEntry; flow: number; score: number; index: number }[] = [];
  SCRIPT_LIBRARY.forEach((entry, index) => {
    if (entry.party !== party) return;
    if (entry.purpose === 'sms' || entry.purpose === 'letter') return;
    if (stage && !entry.stages.includes(stage)) return;
    if (entry.purpose === 'objection' && (objection === null || entry.objection !== objection)) return;
    const classFit = restrictionFit(entry.classes, delinquencyClass);
    const personalityFit = restrictionFit(entry.personalities, personality);
    if (classFit === null || personalityFit === null) return;
    const score = 10 * classFit + 10 * personalityFit + (SCRIPT_STAGES.length - entry.stages.length);
    ranked.push({ entry, flow: flowIndex.get(entry.purpose) ?? CALL_FLOW.length, score, index });
  });
  // The debtor raised an objection whose handlers are all written for another class or personality:
  // offer those handlers anyway (after any that fit) rather than leave the collector with none.
  if (objection !== null && !ranked.some((item) => item.entry.purpose === 'objection')) {
    SCRIPT_LIBRARY.forEach((entry, index) => {
      if (entry.party !== party || entry.purpose !== 'objection' || entry.objection !== objection) return;
      const stageFit = stage === null || entry.stages.includes(stage) ? 1 : 0;
      ranked.push({
        entry,
        flow: flowIndex.get('objection') ?? CALL_FLOW.length,
        score: -10 + stageFit,
        index,
      });
    });
  }
  ranked.sort((a, b) => a.flow - b.flow || b.score - a.score || a.index - b.index);
  return ranked.map((item) => item.entry);
}
