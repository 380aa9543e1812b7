/**
 * End-to-end: the contact log's follow-ups in the browser. A collector logs a callback request and finds
 * the callback in 今日待办 on 我的队列 (and marks it done); logs an invalid number and sees the number
 * marked and no longer offered; a team lead opens 听录音清单 and finds a call with error findings at the
 * top. Screenshots in zh-CN and English go to test/e2e/.work/screenshots (prefix followup-).
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allText, browserJourney, login, settled, switchLanguage, wait } from './browser';

const { newPage, shot } = browserJourney({ demoAccounts: 200, screenshotPrefix: 'followup-' });

/** Today's date in Shanghai, as the server and the browser see it. */
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** Dials the first callable number of the case page and picks an action code in the outcome form. */
async function dialAndPick(page: Page, codeLabel: string): Promise<Locator> {
  const callable = page.locator('.gate-phone[data-allowed="true"]').first();
  await callable.waitFor({ state: 'visible' });
  const reserved = page.waitForResponse(
    (r) => r.url().endsWith('/contact-attempts') && r.request().method() === 'POST',
  );
  await callable.locator('.dial-button').click();
  expect((await (await reserved).json()).allowed).toBe(true);
  const modal = page.locator('.outcome-modal');
  await modal.waitFor({ state: 'visible' });
  // Typed into the search, so that codes far down the (virtual) list are found too.
  await modal.locator('.outcome-code').click();
  await page.keyboard.type(codeLabel);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .getByText(codeLabel, { exact: true })
    .click();
  await expect.poll(() => allText(modal.locator('.outcome-code')), wait).toContain(codeLabel);
  return modal;
}

async function save(page: Page, modal: Locator): Promise<Record<string, unknown>> {
  const logged = page.waitForResponse(
    (r) => r.url().endsWith('/contact-log') && r.request().method() === 'POST',
  );
  await modal.locator('.outcome-save').click();
  const response = await logged;
  expect(response.status(), await response.text()).toBe(200);
  await modal.waitFor({ state: 'hidden' });
  return response.json();
}

describe('follow-ups', () => {
  it('collector: a callback request lands in 今日待办; an invalid number is marked and no longer offered', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, 'collector');
      const next = await page.request.get('/api/v1/queue/next');
      expect(next.status()).toBe(200);
      const found = (await next.json()).next as { caseId: string; caseNo: string };
      expect(found).toBeTruthy();
      // A promise due today on the same case (taken earlier), for 今日待办's promises.
      const promise = await page.request.post(`/api/v1/cases/${found.caseId}/promises`, {
        data: { amountFen: 50_000, dueDate: today, channel: 'app' },
      });
      expect(promise.status(), await promise.text()).toBe(201);
      await page.goto(`/cases/${found.caseId}`);

      // 要求稍后回电 at 15:00 today: the form asks for the time.
      const modal = await dialAndPick(page, '要求稍后回电');
      await expect.poll(() => allText(modal), wait).toContain('约定回电时间');
      const at = modal.locator('.callback-at input');
      await at.click();
      await at.fill(`${today} 15:00`);
      await at.press('Enter');
      await modal
        .locator('.outcome-note textarea, textarea.outcome-note')
        .first()
        .fill('客户开会中，约下午三点回电');
      await shot(page, '01-callback-form');
      const result = await save(page, modal);
      expect(result.effects).toEqual([
        expect.objectContaining({
          kind: 'callback_task',
          at: new Date(`${today}T15:00:00+08:00`).toISOString(),
        }),
      ]);
      const effects = page.locator('.contact-panel .log-effects');
      await expect.poll(() => allText(effects), wait).toContain(`已创建回访任务 ${today.slice(5)} 15:00`);
      await settled(page);
      await shot(page, '02-callback-logged');

      // The callback is in 今日待办 on 我的队列, due at 15:00, linking to the case.
      await page.locator('.app-menu').getByText('我的队列').click();
      await page.waitForURL(/\/queue$/);
      const task = page.locator(`.today-tasks .today-task[data-kind="callback"]`, { hasText: found.caseNo });
      await expect.poll(() => allText(task), wait).toContain('15:00 到期');
      await expect.poll(() => allText(task), wait).toContain('约定回电');
      const due = page.locator('.today-promises .today-promise', { hasText: found.caseNo });
      await expect.poll(() => allText(due), wait).toContain('今日到期');
      await expect.poll(() => allText(due), wait).toContain('已还 ¥0.00 / 承诺 ¥500.00');
      await settled(page);
      await shot(page, '03-today-tasks');
      await switchLanguage(page, 'English');
      await expect.poll(() => allText(page.locator('.today-panel')), wait).toContain('Callback');
      await settled(page);
      await shot(page, '04-today-tasks-en');
      await switchLanguage(page, '中文');

      // Back on the case: the number turns out to be disconnected.
      await task.locator('.task-open').click();
      await page.waitForURL(new RegExp(`/cases/${found.caseId}$`));
      const numbersBefore = await page.locator('.gate-phone[data-validity="invalid"]').count();
      const invalidModal = await dialAndPick(page, '空号或停机');
      const invalidResult = await save(page, invalidModal);
      expect(invalidResult.effects).toEqual([expect.objectContaining({ kind: 'phone_invalid' })]);
      await expect.poll(() => allText(effects), wait).toContain('号码已标记为空号');
      const marked = page.locator('.gate-phone[data-validity="invalid"]');
      await expect.poll(() => marked.count(), wait).toBe(numbersBefore + 1);
      await expect.poll(() => allText(marked.locator('.phone-mark')), wait).toContain('已标记空号');
      expect(await marked.locator('.dial-button').count()).toBe(0);
      await expect.poll(() => allText(marked), wait).toContain('不再拨打');
      await settled(page);
      await shot(page, '05-invalid-number');
      await switchLanguage(page, 'English');
      await expect.poll(() => allText(page.locator('.contact-panel')), wait).toContain('Marked invalid');
      await expect.poll(() => allText(effects), wait).toContain('Number marked invalid');
      await settled(page);
      await shot(page, '06-invalid-number-en');
      await switchLanguage(page, '中文');

      // The callback is done: it leaves 今日待办.
      await page.locator('.app-menu').getByText('我的队列').click();
      await page.waitForURL(/\/queue$/);
      await task.locator('.task-done').click();
      await page
        .locator('.task-done-note textarea, textarea.task-done-note')
        .first()
        .fill('已回电，客户承诺本周内还款');
      await page.locator('.task-done-confirm').click();
      await expect.poll(() => task.count(), wait).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('team lead: 听录音清单 puts a call with error findings at the top, linking to the transcript', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, 'lead');
      const menu = page.locator('.app-menu');
      await expect.poll(() => allText(menu), wait).toContain('听录音清单');
      await menu.getByText('听录音清单').click();
      await page.waitForURL(/\/listening$/);
      const first = page.locator('.listening-collector').first();
      await first.waitFor({ state: 'visible' });
      const topRow = first.locator('.listening-row').first();
      await expect
        .poll(() => topRow.locator('.listening-reason').getAttribute('data-reason'), wait)
        .toBe('error_findings');
      await expect.poll(() => allText(topRow), wait).toMatch(/严重 \d+/);
      await settled(page);
      await shot(page, '07-listening-list');
      await switchLanguage(page, 'English');
      await expect.poll(() => allText(page.locator('.listening-page')), wait).toContain('Listening list');
      await expect.poll(() => allText(topRow), wait).toMatch(/\d+ error\(s\)/);
      await settled(page);
      await shot(page, '08-listening-list-en');
      await switchLanguage(page, '中文');

      await topRow.locator('.listening-open').click();
      await page.waitForURL(/\/qa\/transcripts\/[0-9a-f-]+$/);
      await settled(page);
    } finally {
      await context.close();
    }
  });
});
