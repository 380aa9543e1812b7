/**
 * End-to-end journeys through the built web UI, in Chromium, against the real server with a small demo
 * seed. Screenshots of each step go to test/e2e/.work/screenshots (git-ignored).
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  allText,
  browserJourney,
  DEMO_PASSWORD,
  login,
  settled,
  submitLogin,
  switchLanguage,
  wait,
} from './browser';

const { newPage, shot } = browserJourney({ demoAccounts: 300 });

/** Trimmed text of the first matching element, or null while there is none (for expect.poll). */
async function firstText(locator: Locator): Promise<string | null> {
  return (await locator.allInnerTexts())[0]?.trim() ?? null;
}

/** The pagination's "共 N 条" total of the visible table. */
async function shownTotal(page: Page): Promise<number> {
  const text = (await page.locator('.ant-pagination-total-text').first().textContent()) ?? '';
  return Number(text.replace(/[^\d]/g, ''));
}

// ---- a placement file built for the test: valid PRC ID numbers, one bad row ----
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
function idNumber(birth: string, sequence: number): string {
  const body = `110101${birth}${String(sequence).padStart(3, '0')}`;
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (ID_WEIGHTS[i] ?? 0), 0);
  return `${body}${ID_CHECK[sum % 11]}`;
}

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

const HEADERS = [
  '合同编号',
  '客户姓名',
  '身份证号',
  '手机号',
  '产品',
  '到期日',
  '本金',
  '利息',
  '罚息',
  '费用',
  '联系人姓名',
  '联系人关系',
  '联系人电话',
  '地址',
];

function placementCsv(prefix: string): string {
  const due = daysAgo(40);
  const rows = [
    [
      `${prefix}-001`,
      '测试甲',
      idNumber('19880312', 731),
      '13911110001',
      '信用卡',
      due,
      '5000.00',
      '120.50',
      '30.00',
      '0',
      '王五',
      '配偶',
      '13711110001',
      '北京市东城区测试路1号',
    ],
    // Row 3 of the sheet (header is row 1): the principal is not a number.
    [
      `${prefix}-002`,
      '测试乙',
      idNumber('19900521', 742),
      '13911110002',
      '信用卡',
      due,
      '五千元',
      '80.00',
      '10.00',
      '0',
      '',
      '',
      '',
      '',
    ],
    [
      `${prefix}-003`,
      '测试丙',
      idNumber('19851103', 753),
      '13911110003',
      '消费贷',
      due,
      '8000',
      '200',
      '50',
      '25',
      '赵六',
      '担保人',
      '13711110003',
      '北京市东城区测试路3号',
    ],
  ];
  return `${[HEADERS, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`;
}

describe('web journeys', () => {
  it('collector: signs in, sees only own cases, opens a case and reveals a phone after confirming', async () => {
    const { context, page } = await newPage();
    try {
      // A deep link while signed out goes to the login page and comes back after signing in.
      await page.goto('/cases');
      await page.waitForURL(/\/login\?redirect=%2Fcases/);
      await expect.poll(() => firstText(page.locator('.login-product')), wait).toBe('清收 Qingshou');

      // Wrong password: the API's message is shown.
      await page.locator('#username').fill('collector');
      await page.locator('#password').fill('wrong-password');
      await page.locator('.login-card button[type=submit]').click();
      await expect.poll(() => allText(page.locator('.login-error')), wait).toContain('用户名或密码错误');
      await shot(page, '01-login-error');

      await page.locator('#password').fill(DEMO_PASSWORD);
      await page.locator('.login-card button[type=submit]').click();
      await page.waitForURL(/\/cases$/);

      const me = await (await page.request.get('/api/v1/auth/me')).json();
      expect(me.role).toBe('collector');
      await expect.poll(() => firstText(page.locator('.app-user-name')), wait).toBe(me.displayName);
      await expect.poll(() => firstText(page.locator('.app-user-role')), wait).toBe('催收员');

      // The menu follows the role: no import for a collector.
      const menu = page.locator('.app-menu');
      await expect.poll(() => allText(menu), wait).toContain('首页');
      await expect.poll(() => allText(menu), wait).toContain('案件');
      await expect.poll(() => allText(menu), wait).not.toContain('数据导入');

      const rows = page.locator('.case-table tr.ant-table-row');
      await rows.first().waitFor({ state: 'visible' });
      const api = await (await page.request.get('/api/v1/cases?pageSize=200')).json();
      expect(api.total).toBeGreaterThan(0);
      expect(api.items.every((c: { collectorId: string | null }) => c.collectorId === me.id)).toBe(true);
      expect(await shownTotal(page)).toBe(api.total);
      const collectorCells = await page
        .locator('.case-table tr.ant-table-row td:nth-child(9)')
        .allInnerTexts();
      expect(collectorCells.length).toBeGreaterThan(0);
      for (const cell of collectorCells) expect(cell.trim()).toBe(me.displayName);
      // No collector filter for a role without users.read.
      await expect.poll(() => page.locator('.filter-collector').count(), wait).toBe(0);
      await shot(page, '02-collector-case-list');

      // The list's state lives in the URL.
      await page
        .locator('.case-table th.ant-table-column-has-sorters', { hasText: '逾期天数' })
        .first()
        .click();
      await page.waitForURL(/sort=dpd_desc/);
      await page.reload();
      await page
        .locator('th.ant-table-column-sort', { hasText: '逾期天数' })
        .first()
        .waitFor({ state: 'visible' });

      // Open the first case.
      const firstNo = ((await rows.first().locator('td').first().textContent()) ?? '').trim();
      await rows.first().click();
      await page.waitForURL(/\/cases\/[^/?]+$/);
      await expect.poll(() => firstText(page.locator('.case-no')), wait).toBe(firstNo);
      const phone = page.locator('.phone-table .revealable').first();
      const masked = ((await phone.locator('.pii-masked').textContent()) ?? '').trim();
      expect(masked).toContain('*');
      // A collector may reveal phones but not the ID number.
      await expect
        .poll(() => page.locator('.revealable[data-field="idNumber"] button').count(), wait)
        .toBe(0);
      await shot(page, '03-collector-case-detail');

      await phone.getByRole('button', { name: /查看/ }).click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => allText(dialog), wait).toContain('审计日志');
      await dialog.locator('textarea').fill('拨打前核对号码');
      await shot(page, '04-reveal-confirm');
      const revealed = page.waitForResponse(
        (r) => r.url().includes('/reveal') && r.request().method() === 'POST',
      );
      await dialog.getByRole('button', { name: '确认查看' }).click();
      const body = await (await revealed).json();
      expect(body.field).toBe('phone');
      const full = page.locator('.phone-table .revealable').first().locator('.pii-revealed');
      await expect.poll(() => firstText(full), wait).toBe(body.value);
      expect(body.value).not.toContain('*');
      expect(body.value.replace(/\D/g, '').length).toBeGreaterThanOrEqual(7);
      await shot(page, '05-phone-revealed');

      // Pages outside the role: 403; unknown addresses: 404.
      await page.goto('/imports');
      await expect.poll(() => firstText(page.locator('.ant-result-title')), wait).toBe('无权访问');
      await shot(page, '06-forbidden');
      await page.goto('/no-such-page');
      await expect.poll(() => firstText(page.locator('.ant-result-title')), wait).toBe('页面不存在');

      // Signing out ends the session: the signed-in pages send back to the login page.
      await page
        .locator('.app-header')
        .getByRole('button', { name: /退出登录/ })
        .click();
      await page.waitForURL(/\/login/);
      expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);
    } finally {
      await context.close();
    }
  });

  it('manager: a file with a bad row is rejected whole, then imported with valid rows only; English menu', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto('/');
      await page.waitForURL(/\/login/);
      await submitLogin(page, 'manager');
      await page.waitForURL((url) => url.pathname === '/');

      const portfolios = await (await page.request.get('/api/v1/portfolios')).json();
      const portfolio = portfolios.items[0];
      expect(portfolio?.code).toBeTruthy();
      // The home page: one card per portfolio with its open cases and buckets.
      const card = page.locator('.portfolio-card', { hasText: portfolio.code });
      await expect.poll(() => allText(card), wait).toContain(portfolio.name);
      await expect.poll(() => card.locator('tr.ant-table-row').count(), wait).toBe(portfolio.byBucket.length);
      await shot(page, '07-manager-home');

      await page.locator('.app-menu').getByText('数据导入').click();
      await page.waitForURL(/\/imports$/);

      const prefix = `E2E${Date.now().toString(36).toUpperCase()}`;
      const csv = Buffer.from(placementCsv(prefix), 'utf8');
      await page.locator('.import-portfolio').click();
      await page.locator('.ant-select-item-option', { hasText: portfolio.code }).click();
      // A file-level problem (missing columns) is shown as one alert with the server's message.
      await page.locator('.ant-upload input[type=file]').setInputFiles({
        name: 'e2e-missing-columns.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('合同编号,客户姓名\r\nX-1,张三\r\n', 'utf8'),
      });
      await page.getByRole('button', { name: /开始导入/ }).click();
      await expect.poll(() => allText(page.locator('.import-error')), wait).toContain('缺少必需的列');
      await shot(page, '08a-import-file-error');

      await page.locator('.ant-upload input[type=file]').setInputFiles({
        name: 'e2e-placement.csv',
        mimeType: 'text/csv',
        buffer: csv,
      });

      // All-or-nothing: one bad row rejects the whole file.
      const rejectedResponse = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/imports') && r.request().method() === 'POST',
      );
      await page.getByRole('button', { name: /开始导入/ }).click();
      const rejected = await rejectedResponse;
      expect(rejected.status()).toBe(422);
      const rejectedBody = await rejected.json();
      expect(rejectedBody.code).toBe('IMPORT_REJECTED');
      expect(rejectedBody.details.status).toBe('rejected');
      const problem = rejectedBody.details.rejected[0];
      expect(problem.row).toBe(3);
      expect(problem.column).toBe('本金');

      const panel = page.locator('.import-rejected');
      await expect.poll(() => allText(panel), wait).toContain('未导入任何数据');
      const firstProblem = panel.locator('.rejected-table tr.ant-table-row').first();
      await expect.poll(() => firstText(firstProblem.locator('td').nth(0)), wait).toBe('3');
      await expect.poll(() => firstText(firstProblem.locator('td').nth(1)), wait).toBe('本金');
      await expect.poll(() => firstText(firstProblem.locator('td').nth(2)), wait).toBe(problem.reason);
      await shot(page, '08-import-rejected');

      const none = await (await page.request.get(`/api/v1/cases?q=${prefix}`)).json();
      expect(none.total).toBe(0);

      // Import valid rows only: the two good rows go in, the bad one is listed.
      await page.locator('.accept-valid').click();
      const committedResponse = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/imports') && r.request().method() === 'POST',
      );
      await page.getByRole('button', { name: /开始导入/ }).click();
      const committed = await committedResponse;
      expect(committed.status()).toBe(200);
      const result = await committed.json();
      expect(result.status).toBe('committed');
      expect(result.imported).toBe(2);
      const done = page.locator('.import-committed');
      await expect.poll(() => allText(done), wait).toContain('导入完成');
      await expect
        .poll(() => allText(done.locator('.ant-statistic', { hasText: '新增' })), wait)
        .toContain('2');
      await expect.poll(() => done.locator('.rejected-table tr.ant-table-row').count(), wait).toBe(1);
      // The recent batches show both attempts.
      await expect.poll(() => allText(page.locator('.batch-table')), wait).toContain('已拒绝');
      await expect.poll(() => allText(page.locator('.batch-table')), wait).toContain('已导入');
      await shot(page, '09-import-committed');

      const imported = await (await page.request.get(`/api/v1/cases?q=${prefix}`)).json();
      expect(imported.total).toBe(2);

      // The imported cases are found by the case list's search.
      await page.goto(`/cases?q=${prefix}`);
      await expect.poll(() => page.locator('.case-table tr.ant-table-row').count(), wait).toBe(2);
      await shot(page, '10-case-search');

      // Switching to English changes the menu and is kept for the user.
      await switchLanguage(page, 'English');
      const menu = page.locator('.app-menu');
      await expect.poll(() => allText(menu), wait).toContain('Home');
      await expect.poll(() => allText(menu), wait).toContain('Cases');
      await expect.poll(() => allText(menu), wait).toContain('Data import');
      await expect.poll(() => allText(menu), wait).not.toContain('首页');
      await shot(page, '11-english');
      await expect
        .poll(async () => (await (await page.request.get('/api/v1/auth/me')).json()).locale)
        .toBe('en');
      await page.reload();
      await expect.poll(() => allText(page.locator('.app-menu')), wait).toContain('Data import');
      await expect.poll(() => allText(page.locator('.app-header')), wait).toContain('Sign out');
    } finally {
      await context.close();
    }
  });

  it('QA inspector: uploads a call, sees the red line marked, confirms it, and the collector’s score follows', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, 'qa');
      const menu = page.locator('.app-menu');
      await expect.poll(() => allText(menu), wait).toContain('通话质检');
      await expect.poll(() => allText(menu), wait).toContain('质检评分');

      type Row = {
        name: string | null;
        score: number | null;
        calls: number;
        confirmedErrors: number;
        openFindings: number;
      };
      const scoreOf = async (): Promise<Row | undefined> => {
        const body = await (await page.request.get('/api/v1/qa/scores?groupBy=collector')).json();
        return body.items.find((r: Row) => r.name === '刘洋');
      };
      const before = await scoreOf();

      // The demo's calls are listed.
      await menu.getByText('通话质检').click();
      await page.waitForURL(/\/qa$/);
      await page.locator('.qa-table tr.ant-table-row').first().waitFor({ state: 'visible' });
      await settled(page);
      await shot(page, '12-qa-list');

      await page.locator('.qa-upload-button').click();
      await page.waitForURL(/\/qa\/upload$/);
      const transcript = [
        '坐席：您好，请问是孙先生吗？我是示范银行信用卡中心的刘洋。',
        '客户：是我，我这个月确实还不上。',
        '坐席：你再不还钱，我们就找人上门收拾你。',
        '客户：你这是威胁我？',
      ].join('\n');
      const title = `e2e-call-${Date.now().toString(36)}.txt`;
      await page.locator('.ant-upload input[type=file]').setInputFiles({
        name: title,
        mimeType: 'text/plain',
        buffer: Buffer.from(transcript, 'utf8'),
      });
      await page.locator('.qa-upload-collector').click();
      await page.locator('.ant-select-item-option', { hasText: '刘洋' }).click();
      await shot(page, '13-qa-upload');
      const uploaded = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/qa/transcripts') && r.request().method() === 'POST',
      );
      await page.getByRole('button', { name: /开始检查/ }).click();
      const response = await uploaded;
      expect(response.status()).toBe(201);
      const stored = (await response.json()).items[0];
      expect(stored.errors).toBeGreaterThan(0);
      await expect.poll(() => allText(page.locator('.qa-upload-stored')), wait).toContain('已保存 1 通电话');
      await page.locator('.qa-uploaded-table a', { hasText: title }).click();
      await page.waitForURL(new RegExp(`/qa/transcripts/${stored.id}$`));

      // The red line is marked in the agent's turn, in red.
      const detail = await (await page.request.get(`/api/v1/qa/transcripts/${stored.id}`)).json();
      const red = detail.findings.find(
        (f: { severity: string; turn: number }) => f.severity === 'error' && f.turn === 2,
      );
      expect(red).toBeTruthy();
      const mark = page.locator(`.qa-turn[data-turn="2"] mark[data-finding-id="${red.id}"]`);
      await mark.first().waitFor({ state: 'visible' });
      expect(await mark.first().getAttribute('data-severity')).toBe('error');
      expect((await mark.allInnerTexts()).join('')).toBe(red.quote);
      const card = page.locator(`.qa-finding[data-finding-id="${red.id}"]`);
      await expect.poll(() => allText(card), wait).toContain(red.ruleInfo.alternative);
      await expect.poll(() => allText(card), wait).toContain(red.ruleInfo.explanation.zh);
      await shot(page, '14-qa-transcript');

      // Selecting the mark selects its finding; confirming it is saved.
      await mark.first().click();
      await expect.poll(() => card.getAttribute('class'), wait).toContain('qa-finding-selected');
      const reviewed = page.waitForResponse((r) => r.url().endsWith(`/qa/findings/${red.id}/review`));
      await card.locator('.qa-confirm').click();
      expect((await reviewed).status()).toBe(200);
      await expect.poll(() => firstText(card.locator('.qa-finding-status')), wait).toBe('已确认');
      await expect.poll(() => allText(card.locator('.qa-finding-review')), wait).toContain('周敏');
      await shot(page, '15-qa-confirmed');

      // The collector's score now counts the red-line call.
      const after = await scoreOf();
      expect(after?.calls).toBe((before?.calls ?? 0) + 1);
      expect(after?.confirmedErrors).toBe((before?.confirmedErrors ?? 0) + 1);
      if (before?.score !== null && before?.score !== undefined)
        expect(after?.score).toBeLessThan(before.score);
      await menu.getByText('质检评分').click();
      await page.waitForURL(/\/qa\/scores/);
      const row = page.locator('.score-table tr.ant-table-row', { hasText: '刘洋' });
      const shown =
        after?.score === null || after?.score === undefined
          ? '—'
          : Number.isInteger(after.score)
            ? String(after.score)
            : after.score.toFixed(1);
      await expect
        .poll(() => firstText(row.locator('.score-value')), wait)
        .toBe(`${shown}${(after?.openFindings ?? 0) > 0 ? '*' : ''}`);
      await settled(page);
      await shot(page, '16-qa-scores');

      // The same in English.
      await switchLanguage(page, 'English');
      await expect.poll(() => allText(page.locator('.app-menu')), wait).toContain('Compliance scores');
      await shot(page, '17-qa-scores-en');
      await page.goto(`/qa/transcripts/${stored.id}`);
      await expect
        .poll(() => allText(page.locator('.qa-findings-panel')), wait)
        .toContain('Compliant alternative');
      await shot(page, '18-qa-transcript-en');
      await switchLanguage(page, '中文');
      await expect.poll(() => allText(page.locator('.app-menu')), wait).toContain('质检评分');
    } finally {
      await context.close();
    }
  });

  it('templates: a collector’s threatening SMS is flagged as typed and the team lead cannot publish it', async () => {
    const { context, page } = await newPage();
    let templateId = '';
    try {
      await login(page, 'collector');
      await page.locator('.app-menu').getByText('话术与模板').click();
      await page.waitForURL(/\/templates$/);
      await page.locator('.template-table tr.ant-table-row').first().waitFor({ state: 'visible' });
      await settled(page);
      await shot(page, '19-templates-list');
      await page.locator('.template-create').click();
      await page.waitForURL(/\/templates\/new/);
      await page.locator('input.template-name, .template-name input').first().fill('最后催告短信');
      await page
        .locator('.template-form textarea')
        .fill('【示范银行】张先生，你再不还钱，我们就找人上门收拾你，后果自负。');
      // The live lint marks the threat while the collector types.
      const errorFinding = page.locator('.lint-live .lint-finding[data-severity="error"]');
      await errorFinding.first().waitFor({ state: 'visible' });
      await expect.poll(() => allText(page.locator('.lint-summary')), wait).toContain('红线');
      await expect
        .poll(() => page.locator('.lint-preview mark.qa-mark-error').count(), wait)
        .toBeGreaterThan(0);
      // A collector may not publish at all.
      expect(await page.locator('.template-publish').count()).toBe(0);
      await shot(page, '20-template-lint');
      const saved = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/templates') && r.request().method() === 'POST',
      );
      await page.locator('.template-save').click();
      const savedBody = await (await saved).json();
      templateId = savedBody.template.id;
      await page.waitForURL(new RegExp(`/templates/${templateId}$`));
    } finally {
      await context.close();
    }

    const lead = await newPage();
    try {
      await login(lead.page, 'lead');
      await lead.page.goto(`/templates/${templateId}`);
      await lead.page.locator('.template-publish').waitFor({ state: 'visible' });
      const refused = lead.page.waitForResponse((r) => r.url().endsWith(`/templates/${templateId}/publish`));
      await lead.page.locator('.template-publish').click();
      const response = await refused;
      expect(response.status()).toBe(422);
      const error = await response.json();
      expect(error.code).toBe('TEMPLATE_HAS_VIOLATIONS');
      const panel = lead.page.locator('.publish-refused');
      await expect.poll(() => allText(panel), wait).toContain('不能发布');
      await expect.poll(() => allText(panel), wait).toContain(error.details.findings[0].quote);
      await expect
        .poll(() => panel.locator('.lint-finding').count(), wait)
        .toBe(error.details.findings.length);
      await shot(lead.page, '21-template-publish-refused');
      const still = await (await lead.page.request.get(`/api/v1/templates/${templateId}`)).json();
      expect(still.template.status).toBe('draft');
      await switchLanguage(lead.page, 'English');
      await expect.poll(() => allText(panel), wait).toContain('cannot be published');
      await shot(lead.page, '22-template-publish-refused-en');
      await switchLanguage(lead.page, '中文');
    } finally {
      await lead.context.close();
    }
  });

  it('manager: sets the end of the contact day to 21:00 on 合规规则 and sees it effective; 23:00 is refused', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, 'manager');
      // The import journey left the manager's language on English: back to Chinese.
      await switchLanguage(page, '中文');
      const menu = page.locator('.app-menu');
      await expect.poll(() => allText(menu), wait).toContain('合规规则');
      await menu.getByText('合规规则').click();
      await page.waitForURL(/\/compliance/);

      // The form is below the fold on small screens: pictures are taken from the top of the page.
      const toTop = () => page.evaluate('window.scrollTo(0, 0)');
      const portfolio = (await (await page.request.get('/api/v1/portfolios')).json()).items[0];
      const rulesUrl = `/api/v1/portfolios/${portfolio.code}/compliance`;
      const hours = page.locator('.rule-card[data-rule="hours"]');
      await expect.poll(() => firstText(hours.locator('.rule-value')), wait).toBe('08:00–22:00');
      await expect.poll(() => firstText(hours.locator('.rule-origin')), wait).toBe('合规配置');
      await expect
        .poll(() => allText(hours.locator('.rule-source')), wait)
        .toContain('China Banking Association');
      await expect
        .poll(() => firstText(page.locator('.rule-card[data-rule="unanswered"] .rule-value')), wait)
        .toBe('每个号码每天 6 次');
      await settled(page);
      await shot(page, '23-compliance-rules');

      // End the day at 21:00, citing the house rule.
      const source = '卡中心催收管理办法 2026 第4.2条';
      await page.locator('.house-source textarea').fill(source);
      const end = page.locator('.house-day-end input');
      const setEnd = async (time: string) => {
        await end.click();
        await end.fill(time);
        await end.press('Enter');
        await expect.poll(() => end.inputValue(), wait).toBe(time);
      };
      await setEnd('21:00');
      const put = () =>
        page.waitForResponse((r) => r.url().endsWith('/house-rules') && r.request().method() === 'PUT');
      const saved = put();
      await page.locator('.house-save').click();
      const savedResponse = await saved;
      expect(savedResponse.status()).toBe(200);
      expect((await savedResponse.json()).houseOverrides).toEqual({ source, dayEnd: '21:00' });
      await expect.poll(() => firstText(hours.locator('.rule-value')), wait).toBe('08:00–21:00');
      await expect.poll(() => firstText(hours.locator('.rule-origin')), wait).toBe('内部规定');
      await expect.poll(() => allText(hours.locator('.rule-source')), wait).toContain(source);
      await expect.poll(() => allText(hours.locator('.rule-profile')), wait).toContain('08:00–22:00');
      await expect.poll(() => firstText(page.locator('.house-status')), wait).toBe('已设置');
      await settled(page);
      await toTop();
      await shot(page, '24-compliance-house-rule');

      // 23:00 would loosen the profile: refused under the field, and nothing changes.
      await setEnd('23:00');
      const refused = put();
      await page.locator('.house-save').click();
      const refusedResponse = await refused;
      expect(refusedResponse.status()).toBe(400);
      const error = await refusedResponse.json();
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.field).toBe('dayEnd');
      const endError = page.locator('.house-day-end .ant-form-item-explain-error');
      await expect.poll(() => allText(endError), wait).toContain('不得比合规配置更宽松');
      await expect.poll(() => allText(endError), wait).toContain('22:00');
      const still = await (await page.request.get(rulesUrl)).json();
      expect(still.houseOverrides).toEqual({ source, dayEnd: '21:00' });
      expect(still.effective.hours.value.end).toBe('21:00');
      await expect.poll(() => firstText(hours.locator('.rule-value')), wait).toBe('08:00–21:00');
      await toTop();
      await shot(page, '25-compliance-refused');

      // The same in English, and the speech rule catalogue.
      await switchLanguage(page, 'English');
      await expect.poll(() => allText(menu), wait).toContain('Compliance rules');
      await expect.poll(() => allText(endError), wait).toContain('may not be looser');
      await expect.poll(() => firstText(hours.locator('.rule-origin')), wait).toBe('House rule');
      await toTop();
      await shot(page, '26-compliance-en');
      await page.locator('.compliance-head .ant-tabs-tab', { hasText: 'Speech rules' }).click();
      await page.waitForURL(/tab=speech/);
      const catalogue = await (await page.request.get('/api/v1/qa/rules')).json();
      const speechRows = page.locator('.speech-rule-table tr.ant-table-row');
      await expect.poll(() => speechRows.count(), wait).toBe(catalogue.rules.length);
      await expect.poll(() => allText(speechRows.first()), wait).toContain(catalogue.rules[0].explanation.en);
      await shot(page, '27-compliance-speech-en');
      await switchLanguage(page, '中文');
      await expect.poll(() => allText(speechRows.first()), wait).toContain(catalogue.rules[0].explanation.zh);
      await expect.poll(() => allText(speechRows.first()), wait).toContain('威胁恐吓');
      await shot(page, '28-compliance-speech');

      // Restoring the profile asks first, then the profile alone applies.
      await page.locator('.compliance-head .ant-tabs-tab', { hasText: '联系规则' }).click();
      await page.locator('.house-clear').click();
      const cleared = page.waitForResponse(
        (r) => r.url().endsWith('/house-rules') && r.request().method() === 'DELETE',
      );
      await page.locator('.house-clear-ok').click();
      expect((await cleared).status()).toBe(200);
      await expect.poll(() => firstText(hours.locator('.rule-value')), wait).toBe('08:00–22:00');
      await expect.poll(() => firstText(hours.locator('.rule-origin')), wait).toBe('合规配置');
      expect((await (await page.request.get(rulesUrl)).json()).houseOverrides).toBeNull();
    } finally {
      await context.close();
    }
  });

  it('waiver: a collector requests one on an own case; the team lead approves it on 审批 and the balance falls', async () => {
    const yuan = (fen: number) =>
      `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
    const collector = await newPage();
    let caseId = '';
    let caseNo = '';
    let balanceFen = 0;
    try {
      const { page } = collector;
      await login(page, 'collector');
      const list = await (await page.request.get('/api/v1/cases?pageSize=100')).json();
      const target = list.items.find(
        (c: { status: string; balanceFen: number }) => c.status === 'open' && c.balanceFen >= 300_000,
      );
      expect(target).toBeTruthy();
      caseId = target.id;
      caseNo = target.caseNo;
      balanceFen = target.balanceFen;
      await page.goto(`/cases/${caseId}`);
      await page.locator('.request-waiver').click();
      const modal = page.locator('.ant-modal', { has: page.locator('.waiver-form') });
      await modal.locator('#amountYuan').fill('150');
      await modal.locator('#reason').fill('债务人失业，减免罚息后一次性结清');
      await modal.locator('#evidence').fill('失业证明复印件');
      await shot(page, '40-waiver-request');
      const created = page.waitForResponse(
        (r) => r.url().endsWith(`/cases/${caseId}/waivers`) && r.request().method() === 'POST',
      );
      await modal.locator('.ant-modal-footer .ant-btn-primary').click();
      expect((await created).status()).toBe(201);
      await expect
        .poll(() => firstText(page.locator('.case-pending-waiver')), wait)
        .toBe('减免待审批（¥150.00）');
      await settled(page);
      await shot(page, '41-waiver-pending');
    } finally {
      await collector.context.close();
    }

    const lead = await newPage();
    try {
      const { page } = lead;
      await login(page, 'lead');
      await page.locator('.app-menu .ant-menu-item', { hasText: '审批' }).click();
      await page.waitForURL(/\/approvals$/);
      const row = page.locator('.waivers-table tr.ant-table-row', { hasText: caseNo });
      await row.waitFor({ state: 'visible' });
      await expect.poll(() => allText(row), wait).toContain('¥150.00');
      await expect.poll(() => allText(row), wait).toContain('催收组长');
      await expect.poll(() => allText(row), wait).toContain('当前：第 1 级');
      await settled(page);
      await shot(page, '42-approvals-inbox');
      await switchLanguage(page, 'English');
      await expect.poll(() => allText(row), wait).toContain('Now: level 1');
      await shot(page, '43-approvals-inbox-en');
      await switchLanguage(page, '中文');
      await expect.poll(() => allText(row), wait).toContain('当前：第 1 级');

      await row.locator('.waiver-approve').click();
      const decided = page.waitForResponse(
        (r) =>
          r.url().includes('/waivers/') && r.url().endsWith('/decision') && r.request().method() === 'POST',
      );
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      expect((await decided).status()).toBe(200);
      await expect.poll(() => row.count(), wait).toBe(0);

      await page.goto(`/cases/${caseId}`);
      await expect
        .poll(() => allText(page.locator('.case-figures')), wait)
        .toContain(yuan(balanceFen - 15_000));
      await settled(page);
      await shot(page, '44-waiver-applied');
    } finally {
      await lead.context.close();
    }
  });
  // The server's clock starts at 10:00 Shanghai time (test/e2e/server.ts), inside the contact hours.
  it('collector: takes the next case from 我的队列, dials, logs 承诺还款; the batch breaks the unpaid promise; a complaint freezes contact', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, 'collector');
      const menu = page.locator('.app-menu');
      await expect.poll(() => allText(menu), wait).toContain('我的队列');
      await menu.getByText('我的队列').click();
      await page.waitForURL(/\/queue$/);
      await page.locator('.queue-next').click();
      const found = page.locator('.queue-found');
      await found.waitFor({ state: 'visible' });
      await expect.poll(() => allText(found.locator('.queue-because')), wait).toMatch(/优先级|跟进到期/);
      const caseId = await found.getAttribute('data-case-id');
      expect(caseId).toBeTruthy();
      await settled(page);
      await shot(page, '29-queue-next');

      await found.locator('.queue-open').click();
      await page.waitForURL(new RegExp(`/cases/${caseId}$`));
      const callable = page.locator('.gate-phone[data-allowed="true"]').first();
      await callable.waitFor({ state: 'visible' });
      await expect.poll(() => allText(callable.locator('.gate-allowed').first()), wait).toContain('可联系');
      await settled(page);
      await shot(page, '30-case-contact-panel');

      const reserved = page.waitForResponse(
        (r) => r.url().endsWith('/contact-attempts') && r.request().method() === 'POST',
      );
      await callable.locator('.dial-button').click();
      expect((await (await reserved).json()).allowed).toBe(true);
      const modal = page.locator('.outcome-modal');
      await modal.waitFor({ state: 'visible' });
      const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
      await modal.locator('.outcome-code').click();
      await dropdown.getByText('承诺还款', { exact: true }).click();
      await modal.locator('.promise-amount input').fill('100');
      const tomorrow = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(
        new Date(Date.now() + 86_400_000),
      );
      const dateInput = modal.locator('.promise-date input');
      await dateInput.click();
      await dateInput.fill(tomorrow);
      await dateInput.press('Enter');
      await modal.locator('.promise-channel').click();
      await dropdown.getByText('官方 App', { exact: true }).click();
      await modal
        .locator('textarea.outcome-note, .outcome-note textarea')
        .first()
        .fill('客户承诺明天通过官方 App 还款 100 元');
      await shot(page, '31-outcome-form');
      const logged = page.waitForResponse(
        (r) => r.url().endsWith('/contact-log') && r.request().method() === 'POST',
      );
      await modal.locator('.outcome-save').click();
      const log = await logged;
      expect(log.status(), await log.text()).toBe(200);
      expect((await log.json()).promise).toMatchObject({
        amountFen: 10_000,
        dueDate: tomorrow,
        channel: 'app',
      });
      await modal.waitFor({ state: 'hidden' });

      const promise = page.locator('.timeline-entry[data-kind="promise"]').first();
      await expect.poll(() => allText(promise), wait).toContain('¥100.00');
      await expect.poll(() => allText(promise), wait).toContain(tomorrow);
      await expect
        .poll(() => allText(page.locator('.timeline-entry[data-kind="contact"]').first()), wait)
        .toContain('承诺还款');
      await settled(page);
      await shot(page, '32-timeline-promise');

      // The scripts (话术) for the case, with the handlers of an objection.
      await page.locator('.work-tabs .ant-tabs-tab', { hasText: '话术' }).click();
      await page.locator('.objection-select').click();
      await dropdown.getByText('没钱还', { exact: true }).click();
      await expect
        .poll(() => page.locator('.script-title[data-purpose="objection"]').count(), wait)
        .toBeGreaterThan(0);

      // The same page in English.
      await switchLanguage(page, 'English');
      await expect.poll(() => allText(page.locator('.contact-panel')), wait).toContain('Dial');
      await page.locator('.work-tabs .ant-tabs-tab', { hasText: 'Timeline' }).click();
      await expect
        .poll(() => allText(page.locator('.timeline-entry[data-kind="promise"]').first()), wait)
        .toContain('Promise of ¥100.00');
      await settled(page);
      await shot(page, '33-case-workbench-en');
      await switchLanguage(page, '中文');
      await expect.poll(() => allText(page.locator('.contact-panel')), wait).toContain('拨打');

      // Nothing is paid: the manager runs the nightly batch for the day after the promised date, and the
      // promise is broken on the collector's timeline, with a follow-up at the head of the queue.
      const dayAfter = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(
        new Date(Date.parse(`${tomorrow}T12:00:00+08:00`) + 86_400_000),
      );
      const manager = await newPage();
      try {
        await login(manager.page, 'manager');
        const run = await manager.page.request.post('/api/v1/batch/runs', { data: { asOf: dayAfter } });
        expect(run.status(), await run.text()).toBe(200);
        expect((await run.json()).counts.promisesBroken).toBeGreaterThanOrEqual(1);
      } finally {
        await manager.context.close();
      }
      await page.reload();
      await page.locator('.work-tabs .ant-tabs-tab', { hasText: '时间线' }).click();
      await expect
        .poll(() => allText(page.locator('.timeline-entry[data-kind="promise"]').first()), wait)
        .toContain('已违约');
      await settled(page);
      await shot(page, '34-promise-broken');

      // The debtor complains: registering it freezes every contact on the case.
      await page.locator('.raise-complaint').click();
      const complaint = page.locator('.ant-modal:has(.complaint-form)');
      await complaint.locator('textarea').fill('客户来电投诉催收频率过高');
      await complaint.locator('.ant-btn-dangerous').click();
      await complaint.waitFor({ state: 'hidden' });
      await expect.poll(() => allText(page.locator('.contact-panel')), wait).toContain('案件因投诉冻结中');
      await expect
        .poll(() => page.locator('.contact-panel .dial-button').first().isDisabled(), wait)
        .toBe(true);
      await settled(page);
      await shot(page, '35-complaint-frozen');
    } finally {
      await context.close();
    }
  });
});
