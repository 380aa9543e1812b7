/**
 * The collection strategy in the browser: the manager opens 催收策略, sees the demo portfolio's active
 * default strategy, creates a draft, enters an invalid balance band and sees the server's reason at the
 * field, fixes it, activates the draft with a note, and sees version 2 active with the change listed in
 * the history; the same screens in English; a collector sees the strategy read-only. Screenshots go to
 * test/e2e/.work/screenshots (strategy-*).
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allText, browserJourney, login, settled, switchLanguage, wait } from './browser';

const { newPage, shot, screenshotPath } = browserJourney({
  demoAccounts: 150,
  screenshotPrefix: 'strategy-',
});

/** Replaces the value of an antd InputNumber. */
async function typeNumber(input: Locator, value: string): Promise<void> {
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.press('Backspace');
  if (value) await input.pressSequentially(value);
  await input.press('Tab');
}

describe('collection strategy', () => {
  it('manager: active demo strategy, a draft with an invalid balance band fixed, activated as version 2', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, 'manager');
      const menu = page.locator('.app-menu');
      await expect.poll(() => allText(menu), wait).toContain('催收策略');
      await menu.getByText('催收策略').click();
      await page.waitForURL(/\/strategy/);

      // The demo portfolio's version 1: the default strategy, one row per segment, the catch-all last.
      const table = page.locator('.strategy-active-table');
      await expect.poll(() => table.locator('tr.ant-table-row').count(), wait).toBe(12);
      await expect.poll(() => allText(page.locator('.strategy-active-version')), wait).toBe('第 1 版');
      const m2Row = table.locator('tr[data-key="m2"]');
      await expect.poll(() => allText(m2Row), wait).toContain('电话：每 2 天');
      await expect.poll(() => allText(m2Row), wait).toContain('正式催收函');
      await expect
        .poll(() => allText(table.locator('tr[data-key="early"]')), wait)
        .toContain('还款提醒（逾期 1-30 天）');
      await expect.poll(() => allText(table.locator('tr[data-key="all_other"]')), wait).toContain('兜底');
      await settled(page, { skeletons: true });
      await shot(page, '01-active-zh');

      // A new draft: a copy of the active version, opened in the editor.
      await page.locator('.strategy-new-draft').click();
      await expect.poll(() => page.locator('.strategy-segment-item').count(), wait).toBe(12);
      await expect.poll(() => allText(page.locator('.strategy-summary-draft')), wait).toBe('第 2 版');
      await page.locator('.strategy-segment-item[data-key="m2"] .strategy-segment-select').click();
      const form = page.locator('.strategy-segment-form[data-key="m2"]');
      await expect.poll(() => form.count(), wait).toBe(1);

      // An inverted balance band (from ¥10,000 to below ¥5,000): the server names the field and why.
      await typeNumber(form.locator('.strategy-balance-min input'), '10000');
      await typeNumber(form.locator('.strategy-balance-max input'), '5000');
      await page.locator('.strategy-note').fill('M2 只覆盖 1 万至 20 万元');
      await page.locator('.strategy-save').click();
      const error = form.locator('.strategy-field-error[data-field="balanceMin"]');
      await expect.poll(() => allText(error), wait).toContain('余额下限 ¥10,000.00 须小于上限 ¥5,000.00');
      expect(await page.locator('.strategy-segment-item.has-problems').count()).toBe(1);
      expect(await page.locator('.strategy-segment-item[data-key="m2"].has-problems').count()).toBe(1);
      await shot(page, '02-draft-invalid-band-zh');

      // Fixed: the upper bound above the lower one; saved.
      await typeNumber(form.locator('.strategy-balance-max input'), '200000');
      await expect.poll(() => error.count(), wait).toBe(0);
      await page.locator('.strategy-save').click();
      await expect.poll(() => allText(page.locator('.ant-message')), wait).toContain('草稿已保存');
      await expect.poll(() => page.locator('.strategy-dirty').count(), wait).toBe(0);
      await shot(page, '03-draft-saved-zh');

      // Activated with a note, after the confirmation that names the change.
      await page.locator('.strategy-activate').click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => allText(dialog), wait).toContain('当前生效版本（第 1 版）将停用');
      await expect.poll(() => allText(dialog), wait).toContain('余额下限：不设 → ¥10,000.00');
      await dialog.locator('.strategy-activate-note').fill('经理会审批准：M2 按余额分层');
      await shot(page, '04-activate-confirm-zh');
      await dialog.locator('.strategy-activate-ok').click();
      await expect.poll(() => allText(page.locator('.ant-message')), wait).toContain('第 2 版已生效');
      await expect.poll(() => allText(page.locator('.strategy-active-version')), wait).toBe('第 2 版');
      await expect
        .poll(() => allText(page.locator('.strategy-active-table tr[data-key="m2"]')), wait)
        .toContain('¥10,000.00 至 ¥200,000.00（不含）');
      await settled(page, { skeletons: true });
      await shot(page, '05-version-2-active-zh');

      // The history: version 2 active with the change listed, version 1 retired.
      await page.locator('.strategy-status-card .ant-tabs-tab', { hasText: '版本历史' }).click();
      const history = page.locator('.strategy-history-table');
      const v2 = history.locator('tr[data-version="2"]');
      await expect.poll(() => allText(v2), wait).toContain('生效中');
      await expect.poll(() => allText(v2), wait).toContain('王建国');
      await expect.poll(() => allText(v2), wait).toContain('经理会审批准：M2 按余额分层');
      await expect
        .poll(() => allText(v2.locator('.strategy-changes li[data-segment="m2"]')), wait)
        .toContain('余额上限：不设 → ¥200,000.00');
      await expect.poll(() => allText(history.locator('tr[data-version="1"]')), wait).toContain('已停用');
      await shot(page, '06-history-zh');

      // The same in English, and a new draft whose refusal reads in English.
      await switchLanguage(page, 'English');
      await expect.poll(() => allText(menu), wait).toContain('Strategy');
      await expect.poll(() => allText(v2), wait).toContain('upper balance bound: none → CN¥200,000.00');
      await shot(page, '07-history-en');
      await page.locator('.strategy-status-card .ant-tabs-tab', { hasText: 'Active strategy' }).click();
      await expect.poll(() => allText(page.locator('.strategy-active-version')), wait).toBe('v2');
      await settled(page, { skeletons: true });
      await shot(page, '08-active-en');
      await page.locator('.strategy-new-draft').click();
      await page.locator('.strategy-segment-item[data-key="early"] .strategy-segment-select').click();
      const early = page.locator('.strategy-segment-form[data-key="early"]');
      await early.locator('.strategy-channels').getByText('Calls').click();
      await early.locator('.strategy-channels').getByText('SMS').click();
      await page.locator('.strategy-save').click();
      await expect
        .poll(() => allText(early.locator('.strategy-field-error[data-field="channels"]')), wait)
        .toContain('choose at least one channel');
      await shot(page, '09-draft-error-en');
      // Back to Chinese for the manager's next session.
      await switchLanguage(page, '中文');
      await expect.poll(() => allText(menu), wait).toContain('催收策略');
    } finally {
      await context.close();
    }
  });

  it('manager: the case page explains priority, class and segment; the class is overridden with a reason', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, 'manager');
      const list = await (
        await page.request.get('/api/v1/cases?portfolio=DEMO-CC&bucket=M2&status=open&pageSize=1')
      ).json();
      const caseId = list.items[0]?.id as string;
      expect(caseId).toBeTruthy();
      await page.goto(`/cases/${caseId}`);
      const card = page.locator('.assessment-card');
      await expect.poll(() => allText(card), wait).toContain('优先级');
      const total = Number(await card.locator('.assessment-total').getAttribute('data-total'));
      const points = await card
        .locator('.assessment-lines li[data-factor] .assessment-points')
        .allInnerTexts();
      expect(points.length).toBeGreaterThan(0);
      expect(points.reduce((sum, p) => sum + Number(p), 0)).toBe(total);
      // Activated in the first journey: version 2, whose M2 segment covers ¥10,000 to ¥200,000.
      await expect.poll(() => allText(card.locator('.assessment-segment')), wait).toContain('策略第 2 版');
      await expect
        .poll(() => allText(card.locator('.assessment-segment-reasons')), wait)
        .toMatch(/逾期阶段|余额/);

      // Overridden to class 3 with a reason; the source says so and the reason is shown.
      await card.locator('.assessment-override-class').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '三类' }).click();
      await card.locator('.assessment-override-save').click();
      await expect.poll(() => allText(card), wait).toContain('请写明调整理由');
      await card.locator('.assessment-override-why').fill('核实到本人有稳定收入但明确拒绝还款');
      await card.locator('.assessment-override-save').click();
      await expect.poll(() => allText(card.locator('.assessment-class-source')), wait).toBe('人工调整');
      await expect
        .poll(() => allText(card.locator('.assessment-override-info')), wait)
        .toContain('核实到本人有稳定收入但明确拒绝还款');
      await settled(page, { skeletons: true });
      await shot(page, '11-case-page-zh');
      await card.screenshot({ path: screenshotPath('11-case-assessment-card-zh') });
      await switchLanguage(page, 'English');
      await expect.poll(() => allText(card), wait).toContain('Assessment and strategy');
      await card.screenshot({ path: screenshotPath('12-case-assessment-card-en') });
      await switchLanguage(page, '中文');
      await expect.poll(() => allText(card), wait).toContain('案件评估与策略');
    } finally {
      await context.close();
    }
  });

  it('collector: sees the active strategy read-only', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, 'collector');
      await page.goto('/strategy');
      await expect.poll(() => page.locator('.strategy-active-table tr.ant-table-row').count(), wait).toBe(12);
      expect(await page.locator('.strategy-new-draft').count()).toBe(0);
      await page.locator('.strategy-status-card .ant-tabs-tab', { hasText: '草稿' }).click();
      await expect.poll(() => page.locator('.strategy-table').count(), wait).toBe(1);
      expect(await page.locator('.strategy-save').count()).toBe(0);
      await settled(page, { skeletons: true });
      await shot(page, '10-collector-readonly-zh');
    } finally {
      await context.close();
    }
  });
});
