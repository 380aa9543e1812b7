/**
 * Demo quality inspection and templates: a handful of call transcripts by the demo collectors and the
 * agency (some compliant, some crossing red lines), scanned through the real upload path, a few findings
 * already reviewed by the QA inspector, and SMS / letter / script templates. Deterministic for a given
 * `now`: call times are fixed offsets from it, cases are picked by case number.
 */
import { sql as dsql, eq } from 'drizzle-orm';
import { isAppError } from '../errors';
import type { Store } from '../store/db';
import { qaTranscripts, templates, users } from '../store/schema';
import { type Actor, systemActor } from './actor';
import { actorOf, getUserView } from './auth';
import { reviewFinding, uploadTranscripts } from './qa';
import { createTemplate, publishTemplate } from './templates';

type Turn = { speaker: 'agent' | 'customer'; text: string };

interface DemoCall {
  key: string;
  collector: string;
  party: 'debtor' | 'third_party';
  hoursAgo: number;
  title: string;
  /** Link the call to the collector's n-th case (by case number). */
  caseOf?: number;
  /** What the QA inspector has already done with the call's findings (a dismissal needs its note). */
  review?: 'confirm_all' | 'confirm_errors' | { dismissAll: string };
  turns: Turn[];
}

const a = (text: string): Turn => ({ speaker: 'agent', text });
const c = (text: string): Turn => ({ speaker: 'customer', text });

const CALLS: DemoCall[] = [
  {
    key: 'demo-call-01',
    collector: 'collector',
    party: 'debtor',
    hoursAgo: 26,
    title: '首次提醒：约定下周五还款',
    caseOf: 0,
    // The opening rule wants the name and institution in the first turn; this collector first checks it is
    // the right person and introduces himself in the next turn, which the inspector accepts, with feedback.
    review: { dismissAll: '坐席先核实本人，随即在第二句表明姓名和机构，信息未泄露给第三方，本次不计违规' },
    turns: [
      a('您好，请问是王先生本人吗？'),
      c('是我，什么事？'),
      a(
        '王先生您好，我是示范银行信用卡中心的催收专员张晓明。您的信用卡账单已经逾期，目前应还金额是三千二百六十元。',
      ),
      c('最近手头有点紧，工资下周才发。'),
      a('理解您的情况。逾期可能会产生违约金，也可能影响您的征信记录。下周五发工资后您能先还最低还款额吗？'),
      c('下周五应该可以。'),
      a(
        '好的，那我们约定下周五前通过手机银行APP还款至少一千六百三十元，到时请留意还款是否成功。感谢您的配合。',
      ),
    ],
  },
  {
    key: 'demo-call-02',
    collector: 'collector',
    party: 'debtor',
    hoursAgo: 50,
    title: '催收通话：言语威胁并要求私人转账',
    caseOf: 1,
    review: 'confirm_errors',
    turns: [
      a('喂，你欠的钱到底什么时候还？'),
      c('我现在真的没钱，能不能宽限几天？'),
      a('没钱？你再不还钱，我们就找人上门收拾你。'),
      c('你这是威胁我吗？'),
      a('你今天先把钱转到我个人微信上，两千就行，剩下的我帮你想办法。'),
    ],
  },
  {
    key: 'demo-call-03',
    collector: 'collector2',
    party: 'debtor',
    hoursAgo: 30,
    title: '债务人失业：夸大法律后果',
    caseOf: 0,
    turns: [
      a('您好，我是示范银行信用卡中心的陈静，请问是刘女士吗？'),
      c('是的，我知道欠款的事，我上个月被裁员了。'),
      a('那你也得想办法，不还钱就让你去坐牢。'),
      c('有这么严重吗？'),
      a('你可以先找朋友借一点，或者去网上的贷款平台借出来还我们。'),
    ],
  },
  {
    key: 'demo-call-04',
    collector: 'collector2',
    party: 'third_party',
    hoursAgo: 74,
    title: '联系同事转告回电',
    turns: [
      a('您好，我是示范银行信用卡中心的陈静，工号2031，想找一下刘芳女士，请问您认识她吗？'),
      c('我是她同事，她今天请假了。'),
      a('好的，麻烦您方便的时候请她回个电话，谢谢您，打扰了。'),
      c('好的。'),
    ],
  },
  {
    key: 'demo-call-05',
    collector: 'collector3',
    party: 'third_party',
    hoursAgo: 98,
    title: '联系配偶：透露欠款并要求代还',
    caseOf: 0,
    review: 'confirm_all',
    turns: [
      a('你是赵强的爱人吧？他欠我们银行五万多块钱，已经三个月没还了。'),
      c('他的事我不清楚。'),
      a('你们是夫妻，这钱你得替他还，不然我们天天打给你。'),
    ],
  },
  {
    key: 'demo-call-06',
    collector: 'collector3',
    party: 'debtor',
    hoursAgo: 8,
    title: 'M2 协商分期',
    caseOf: 1,
    turns: [
      a('您好，请问是孙先生吗？我是示范银行信用卡中心的刘洋。'),
      c('是我。'),
      a('孙先生，您的账单已经逾期四十多天了，今天联系您是想了解一下还款安排。'),
      c('我生意周转不开，一次还不上。'),
      a('明白。您可以通过官方APP申请分期还款，审批结果以银行通知为准。逾期时间越长，可能产生的违约金越多。'),
      c('那我今天先申请一下。'),
    ],
  },
  {
    key: 'demo-call-07',
    collector: 'agency',
    party: 'debtor',
    hoursAgo: 54,
    title: '委外通话：冒充法院并威胁曝光',
    turns: [
      a('我是区法院执行局的，你的案子已经立案了。'),
      c('真的假的？我怎么没收到通知？'),
      a('今天下午五点前不还钱，我们就把你的欠款信息发到你们单位群里，让大家都看看。'),
    ],
  },
];

const TEMPLATES: { kind: 'sms' | 'letter' | 'script'; name: string; body: string; publish: boolean }[] = [
  {
    kind: 'sms',
    name: '还款提醒（逾期 1-30 天）',
    body: '【示范银行】尊敬的{姓名}，您尾号{卡号后四位}的信用卡账单已逾期，应还金额{金额}元。请通过官方APP或网点及时还款，逾期可能影响您的征信记录。如已还款请忽略。咨询请致电官方客服。',
    publish: true,
  },
  {
    kind: 'letter',
    name: '逾期催收函',
    body: '{姓名}先生/女士：\n您在我行办理的信用卡（合同编号{合同号}）截至{日期}已逾期{逾期天数}天，欠款合计{金额}元（本金、利息、违约金明细见附表）。\n请于{截止日期}前通过我行官方渠道还款。如对欠款有异议，请在收到本函后十五日内联系我行客服核实。逾期未还款的，我行可能依法采取进一步措施，并可能将相关信息报送征信系统。\n示范银行信用卡中心',
    publish: true,
  },
  {
    kind: 'script',
    name: '首次电话开场',
    body: '您好，请问是{姓名}本人吗？我是示范银行信用卡中心的{坐席姓名}。今天联系您是关于您信用卡账单的还款安排，请问您现在方便通话吗？',
    publish: true,
  },
  {
    kind: 'sms',
    name: '最后通知（待修改）',
    body: '【示范银行】{姓名}，你的欠款已严重逾期，再不还钱我们就上门找你家人，后果自负。',
    publish: false,
  },
];

async function userActor(store: Store, username: string): Promise<Actor | null> {
  const row = (await store.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0];
  const view = row ? await getUserView(store, row.id) : null;
  return view ? actorOf(view) : null;
}

/** The n-th case (by case number) assigned to the user, for linking a demo call. */
async function nthCaseOf(store: Store, username: string, n: number): Promise<string | null> {
  const r = await store.sql.query<{ id: string }>(
    `SELECT c.id FROM cases c JOIN users u ON u.id = c.assigned_collector_id
     WHERE u.username = $1 ORDER BY c.case_no LIMIT 1 OFFSET $2`,
    [username, n],
  );
  return r.rows[0]?.id ?? null;
}

/** Seeds the demo calls and templates unless some already exist. */
export async function seedDemoQa(
  store: Store,
  now: Date,
): Promise<{ transcripts: number; templates: number }> {
  const qa = (await userActor(store, 'qa')) ?? systemActor('demo');
  let transcriptCount = 0;
  const existingCalls = await store.db.select({ n: dsql<number>`count(*)::int` }).from(qaTranscripts);
  if ((existingCalls[0]?.n ?? 0) === 0) {
    for (const call of CALLS) {
      const caseId = call.caseOf === undefined ? null : await nthCaseOf(store, call.collector, call.caseOf);
      const calledAt = new Date(now.getTime() - call.hoursAgo * 3_600_000);
      const { items } = await uploadTranscripts(
        store,
        qa,
        {
          files: [
            {
              name: `${call.key}.json`,
              content: JSON.stringify({
                id: call.key,
                title: call.title,
                party: call.party,
                collector: call.collector,
                calledAt: calledAt.toISOString(),
                ...(caseId ? { caseId } : {}),
                turns: call.turns,
              }),
            },
          ],
        },
        now,
      );
      transcriptCount += items.length;
      const uploaded = items[0];
      if (!uploaded || !call.review) continue;
      const findings = await store.sql.query<{ id: string; severity: string }>(
        'SELECT id, severity FROM qa_findings WHERE transcript_id = $1 ORDER BY turn, start_offset, rule',
        [uploaded.id],
      );
      for (const f of findings.rows) {
        const review = call.review;
        if (typeof review === 'object') {
          await reviewFinding(store, qa, f.id, { action: 'dismiss', note: review.dismissAll }, now);
          continue;
        }
        if (review === 'confirm_errors' && f.severity !== 'error') continue;
        await reviewFinding(store, qa, f.id, { action: 'confirm', note: '复核确认' }, now);
      }
    }
  }
  let templateCount = 0;
  const existingTemplates = await store.db.select({ n: dsql<number>`count(*)::int` }).from(templates);
  if ((existingTemplates[0]?.n ?? 0) === 0) {
    const author = (await userActor(store, 'lead')) ?? systemActor('demo');
    for (const tpl of TEMPLATES) {
      const saved = await createTemplate(
        store,
        author,
        { kind: tpl.kind, name: tpl.name, body: tpl.body },
        now,
      );
      templateCount++;
      if (!tpl.publish) continue;
      try {
        await publishTemplate(store, author, saved.template.id, now);
      } catch (error) {
        // A template the rulebook refuses stays a draft; the demo still starts.
        if (!isAppError(error) || error.code !== 'TEMPLATE_HAS_VIOLATIONS') throw error;
      }
    }
  }
  return { transcripts: transcriptCount, templates: templateCount };
}
