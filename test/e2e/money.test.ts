/**
 * The money screens in Chromium against the real server: a bank file uploaded on 还款 (posted lines and a
 * refused line with its reason, a reversal, the allocation order), an instalment plan made on a case with
 * its schedule, and 短信 saying plainly that no gateway is configured. Screenshots (zh-CN and English) go
 * to test/e2e/.work/screenshots/money-*.png.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { allText, browserJourney, login, settled, switchLanguage, wait } from './browser';

const { newPage, shot } = browserJourney({
  demoAccounts: 300,
  screenshotPrefix: 'money-',
  scrollToTop: true,
});

/** Today in Shanghai, as the server's clock (10:00 today in Shanghai) sees it. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface CaseItem {
  id: string;
  caseNo: string;
  contractNo: string;
  status: string;
  balanceFen: number;
  flags: Record<string, boolean>;
}

describe('money screens', () => {
  it('还款: a GBK bank file posts two lines and refuses one with its reason; a reversal; the allocation order', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, 'manager');
      const list = await (await page.request.get('/api/v1/cases?pageSize=50&sort=case_no')).json();
      const open = (list.items as CaseItem[]).filter((c) => c.status === 'open' && c.balanceFen > 100_000);
      const [first, second] = open;
      expect(first && second).toBeTruthy();
      const day = today();
      const ref = `E2E${Date.now().toString(36).toUpperCase()}`;
      const file = [
        '合同编号,交易流水号,金额,交易时间,渠道',
        `${first?.contractNo},${ref}-1,300.00,${day} 09:00,bank_transfer`,
        `${second?.contractNo},${ref}-2,125.50,${day} 09:05,app`,
        `${first?.contractNo},${ref}-3,三百元,${day} 09:10,bank_transfer`,
      ].join('\r\n');

      await page.locator('.app-menu .ant-menu-item', { hasText: '还款' }).click();
      await page.waitForURL(/\/payments$/);
      await page.locator('.payment-upload .ant-upload input[type=file]').setInputFiles({
        name: '还款流水.csv',
        mimeType: 'text/csv',
        buffer: iconv.encode(file, 'gbk'),
      });
      const response = page.waitForResponse(
        (r) => r.url().includes('/payment-files') && r.request().method() === 'POST',
      );
      await page.locator('.payment-upload-submit').click();
      expect((await response).status()).toBe(200);

      const result = page.locator('.payment-file-result');
      await expect.poll(() => allText(result), wait).toContain('入账 2 笔，重复 0 笔，拒绝 1 行');
      await expect.poll(() => result.locator('.posted-table tr.ant-table-row').count(), wait).toBe(2);
      await expect.poll(() => allText(result.locator('.posted-table')), wait).toContain(first?.caseNo ?? '-');
      await expect.poll(() => allText(result.locator('.posted-table')), wait).toContain('¥300.00');
      const refused = result.locator('.refused-table tr.ant-table-row');
      await expect.poll(() => refused.count(), wait).toBe(1);
      await expect.poll(() => allText(refused.locator('td').nth(0)), wait).toBe('4');
      await expect.poll(() => allText(refused.locator('td').nth(1)), wait).toBe('金额');
      await expect.poll(() => allText(refused.locator('td').nth(2)), wait).toMatch(/\S/);
      // The list below shows the new payments.
      const table = page.locator('.payments-table');
      await expect.poll(() => allText(table), wait).toContain(`${ref}-1`);
      await expect.poll(() => allText(table), wait).toContain(`${ref}-2`);
      await settled(page);
      await shot(page, '01-payments-upload');

      // Reverse the second payment with a reason.
      const row = table.locator('tr.ant-table-row', { hasText: `${ref}-2` });
      await row.locator('.reverse-button').click();
      const modal = page.locator('.ant-modal', { has: page.locator('.reverse-reason') });
      await modal.locator('.reverse-ok').click();
      await expect.poll(() => allText(modal), wait).toContain('请填写冲正原因');
      await modal.locator('.reverse-reason').fill('银行退票');
      await shot(page, '02-payments-reverse', { modal: true });
      await modal.locator('.reverse-ok').click();
      await expect.poll(() => allText(row), wait).toContain('已冲正');
      await expect.poll(() => allText(row), wait).toContain('冲正原因：银行退票');
      await settled(page);
      await shot(page, '03-payments-reversed');

      // The allocation order: default, reordered with the arrows, confirmed and saved.
      await page.locator('.payments-tabs .ant-tabs-tab', { hasText: '冲销顺序' }).click();
      const card = page.locator('.allocation-card');
      await expect
        .poll(() => allText(card.locator('.allocation-current')), wait)
        .toBe('费用 → 罚息 → 利息 → 本金');
      await card.locator('.allocation-up').last().click();
      await expect
        .poll(() => allText(card.locator('.allocation-component')), wait)
        .toBe('费用\n罚息\n本金\n利息');
      await card.locator('.allocation-save').click();
      await page.locator('.allocation-confirm-ok').click();
      await expect
        .poll(() => allText(card.locator('.allocation-current')), wait)
        .toBe('费用 → 罚息 → 本金 → 利息');
      await shot(page, '04-allocation-order');

      await switchLanguage(page, 'English', { waitForSave: true });
      await expect
        .poll(() => allText(card.locator('.allocation-current')), wait)
        .toBe('Fees → Penalty → Principal → Interest');
      await shot(page, '05-allocation-order-en');
      await page.locator('.payments-tabs .ant-tabs-tab', { hasText: 'Payments' }).click();
      await expect.poll(() => allText(page.locator('.payments-table')), wait).toContain('Reversed');
      await settled(page);
      await shot(page, '06-payments-en');
      await switchLanguage(page, '中文', { waitForSave: true });
    } finally {
      await context.close();
    }
  });

  it('a collector makes an instalment plan on a case and sees its schedule', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, 'collector');
      const list = await (await page.request.get('/api/v1/cases?pageSize=100&sort=case_no')).json();
      const target = (list.items as CaseItem[]).find(
        (c) => c.status === 'open' && c.balanceFen >= 400_000 && !Object.values(c.flags).some(Boolean),
      );
      expect(target).toBeTruthy();
      await page.goto(`/cases/${target?.id}`);
      const card = page.locator('.arrangements-card');
      await expect.poll(() => allText(card), wait).toContain('本案暂无分期计划');
      await card.locator('.arrangement-new').click();
      const modal = page.locator('.ant-modal', { has: page.locator('.arrangement-form') });
      await modal.locator('.arrangement-total input').fill('3000.01');
      const first = plusDays(today(), 10);
      await modal.locator('.arrangement-first-due input').click();
      await modal.locator('.arrangement-first-due input').fill(first);
      await modal.locator('.arrangement-first-due input').press('Enter');
      const preview = modal.locator('.arrangement-preview tr.ant-table-row');
      await expect.poll(() => preview.count(), wait).toBe(3);
      await expect.poll(() => allText(preview.last()), wait).toContain('¥1,000.01');
      await expect.poll(() => allText(preview.first()), wait).toContain(first);
      await shot(page, '07-arrangement-new', { modal: true });

      const created = page.waitForResponse(
        (r) => r.url().endsWith(`/cases/${target?.id}/arrangements`) && r.request().method() === 'POST',
      );
      await modal.locator('.arrangement-submit').click();
      expect((await created).status()).toBe(201);
      const schedule = card.locator('.arrangement-schedule tr.ant-table-row');
      await expect.poll(() => schedule.count(), wait).toBe(3);
      await expect.poll(() => allText(card), wait).toContain('执行中');
      await expect.poll(() => allText(card), wait).toContain('共 ¥3,000.01，分 3 期，每月');
      await expect.poll(() => allText(schedule.first()), wait).toContain('待履约');
      await settled(page);
      await shot(page, '08-arrangement-schedule');

      await switchLanguage(page, 'English', { waitForSave: true });
      await expect.poll(() => allText(card), wait).toContain('¥3,000.01 in 3 instalments, monthly');
      await settled(page);
      await shot(page, '09-arrangement-schedule-en');
      await switchLanguage(page, '中文', { waitForSave: true });
    } finally {
      await context.close();
    }
  });

  it('短信: says plainly that no gateway is configured and that messages stay queued', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, 'manager');
      await page.locator('.app-menu .ant-menu-item', { hasText: '短信' }).click();
      await page.waitForURL(/\/sms$/);
      const banner = page.locator('.sms-no-gateway');
      await expect.poll(() => allText(banner), wait).toContain('未配置短信网关');
      await expect.poll(() => allText(banner), wait).toContain('保留在待发队列');
      await page.locator('.sms-dispatch').click();
      await expect.poll(() => allText(page.locator('.ant-message')), wait).toContain('未配置短信网关');
      await settled(page);
      await shot(page, '10-sms-no-gateway');
      await switchLanguage(page, 'English', { waitForSave: true });
      await expect.poll(() => allText(banner), wait).toContain('No SMS gateway is configured');
      await settled(page);
      await shot(page, '11-sms-no-gateway-en');
      await switchLanguage(page, '中文', { waitForSave: true });
    } finally {
      await context.close();
    }
  });
});
