/**
 * Assignment journeys through the built web UI, in Chromium, against the real server with a small demo
 * seed: a team lead reassigns a case on 团队 and the case page says why it moved; a manager places cases
 * with the agency on 委外 and recalls them, and looks at 分案规则. Screenshots (zh-CN and English) go to
 * test/e2e/.work/screenshots with the prefix "assignment-".
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allText, browserJourney, login, settled, switchLanguage, wait } from './browser';

const { newPage, shot } = browserJourney({
  demoAccounts: 300,
  screenshotPrefix: 'assignment-',
  scrollToTop: true,
});

/** Picks an option of an antd Select (the dropdown is rendered at the end of the body). */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
}

describe('assignment journeys', () => {
  it('team lead: sees the workload on 团队, reassigns a case with a reason, and the case page says why', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, 'lead');
      await page.locator('.app-menu').getByText('团队').click();
      await page.waitForURL(/\/team$/);
      const workload = page.locator('.workload-table');
      await expect.poll(() => allText(workload), wait).toContain('张晓明');
      await expect.poll(() => allText(workload), wait).toContain('陈静');
      const api = await (await page.request.get('/api/v1/teams/workload')).json();
      const team = api.teams[0];
      expect(team.teamCode).toBe('T-EARLY');
      const zhang = team.collectors.find((c: { name: string }) => c.name === '张晓明');
      const row = workload.locator('tr.ant-table-row', { hasText: '张晓明' });
      await expect
        .poll(() => allText(row), wait)
        .toContain(`${zhang.openCases}/${zhang.capacity} · ${zhang.loadPct}%`);
      await settled(page);
      await shot(page, '01-team-workload');

      // The queue filtered to 张晓明's cases; pick the first and reassign it to 陈静.
      await choose(page, page.locator('.queue-filter-collector'), '张晓明');
      const queueRows = page.locator('.team-queue-table tr.ant-table-row');
      await expect
        .poll(
          async () =>
            (await queueRows.locator('td:nth-child(4)').allInnerTexts()).every((t) => t === '张晓明'),
          wait,
        )
        .toBe(true);
      await settled(page);
      const first = queueRows.first();
      const caseNo = ((await first.locator('td:nth-child(2)').textContent()) ?? '').trim();
      const caseHref = (await first.locator('a.queue-case-link').getAttribute('href')) ?? '';
      const caseId = caseHref.split('/').pop() ?? '';
      expect(caseNo).toMatch(/^QS\d{8}$/);
      await first.locator('.ant-checkbox-input').check();
      await page.locator('.reassign-open').click();
      const modal = page.locator('.reassign-modal');
      await expect.poll(() => allText(modal), wait).toContain(caseNo);

      // Without a reason: the error is shown at the field and nothing is sent.
      await choose(page, modal.locator('.reassign-collector'), '陈静');
      await modal.locator('.reassign-ok').click();
      await expect
        .poll(() => allText(modal.locator('.ant-form-item-explain-error')), wait)
        .toContain('请填写转派原因');
      await shot(page, '02-reassign-reason-required');

      const reason = '张晓明 本周外出培训，由陈静跟进';
      await modal.locator('.reassign-reason').fill(reason);
      const answered = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/cases/reassign') && r.request().method() === 'POST',
      );
      await modal.locator('.reassign-ok').click();
      const response = await answered;
      expect(response.status()).toBe(200);
      const result = await response.json();
      expect(result.toCollector.name).toBe('陈静');
      await expect.poll(() => allText(page.locator('.ant-message')), wait).toContain('转派给 陈静');
      await shot(page, '03-reassigned');

      // The case page: "为何在此" shows the manual reassignment with the reason and who did it.
      await page.goto(`/cases/${caseId}`);
      const history = page.locator('.assignment-history');
      const latest = history.locator('.assignment-history-entry').first();
      await expect.poll(() => allText(latest), wait).toContain('人工转派');
      await expect.poll(() => allText(latest), wait).toContain(reason);
      await expect.poll(() => allText(latest), wait).toContain('张晓明 → 陈静');
      await expect.poll(() => allText(latest), wait).toContain('操作人 李秀梅');
      await expect.poll(() => allText(history), wait).toContain('导入分配');
      await settled(page);
      await shot(page, '04-case-history');

      // The same in English.
      await switchLanguage(page, 'English', { waitForSave: true });
      await expect.poll(() => allText(latest), wait).toContain('Manual');
      await expect.poll(() => allText(latest), wait).toContain('by 李秀梅');
      await expect
        .poll(() => allText(page.locator('.assignment-history .ant-card-head')), wait)
        .toContain('Why it is here');
      await shot(page, '05-case-history-en');
      await page.goto('/team');
      await expect.poll(() => allText(page.locator('.team-page')), wait).toContain('Team workload');
      await expect.poll(() => allText(page.locator('.workload-table')), wait).toContain('Contacts today');
      await settled(page);
      await shot(page, '06-team-workload-en');
      await switchLanguage(page, '中文', { waitForSave: true });
    } finally {
      await context.close();
    }
  });

  it('manager: places M2 cases with the agency on 委外 and recalls them to their collector', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, 'manager');
      await page.locator('.app-menu').getByText('委外').click();
      await page.waitForURL(/\/placements$/);
      const table = page.locator('.placements-table');
      // The demo's own placement (over 90 days past due) is listed.
      await expect.poll(() => allText(table), wait).toContain('华信委外服务有限公司');
      await expect.poll(() => allText(table), wait).toContain('委外中');
      await settled(page);
      await shot(page, '07-placements');

      await page.locator('.placement-new').click();
      const modal = page.locator('.placement-modal');
      await choose(page, modal.locator('.placement-portfolio'), 'DEMO-CC');
      await choose(page, modal.locator('.placement-agency'), '华信委外服务有限公司');
      await choose(page, modal.locator('.placement-buckets'), 'M2');
      await page.keyboard.press('Escape');
      await modal.locator('.placement-min-dpd input').fill('45');
      await modal.locator('textarea').fill('M2 后段试点委外');
      const preview = await (
        await page.request.get(
          '/api/v1/placements/preview?portfolioCode=DEMO-CC&buckets=M2&minDaysPastDue=45',
        )
      ).json();
      expect(preview.eligible).toBeGreaterThan(0);
      await expect
        .poll(() => allText(modal.locator('.placement-preview')), wait)
        .toContain(`将委外 ${preview.eligible} 件案件`);
      await shot(page, '08-new-placement');

      // Who works those cases now, to check the recall later.
      const before = await (
        await page.request.get('/api/v1/cases?portfolio=DEMO-CC&bucket=M2&pageSize=200&status=open')
      ).json();
      const collectorsBefore = new Map<string, string | null>(
        before.items.map((c: { id: string; collectorName: string | null }) => [c.id, c.collectorName]),
      );

      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/placements') && r.request().method() === 'POST',
      );
      await modal.locator('.placement-submit').click();
      const placement = await (await created).json();
      expect(placement.cases).toBe(preview.eligible);
      const row = table.locator('tr.ant-table-row', { hasText: 'M2 后段试点委外' });
      await expect.poll(() => allText(row), wait).toContain('委外中');
      await expect.poll(() => allText(row), wait).toContain(`${preview.eligible} / ${preview.eligible}`);
      await settled(page);
      await shot(page, '09-placed');

      // A placed case: with the agency, no collector; its page says where it went.
      const placedNow = await (
        await page.request.get('/api/v1/cases?portfolio=DEMO-CC&bucket=M2&pageSize=200&status=open')
      ).json();
      const placedCase = placedNow.items.find((c: { agencyName: string | null }) => c.agencyName !== null);
      expect(placedCase).toMatchObject({ collectorName: null, stage: 'agency' });
      await page.goto(`/cases/${placedCase.id}`);
      const entry = page.locator('.assignment-history-entry').first();
      await expect.poll(() => allText(entry), wait).toContain('委外至 华信委外服务有限公司');
      await expect.poll(() => allText(entry), wait).toContain('M2 后段试点委外');
      await expect.poll(() => allText(entry), wait).toContain(`${collectorsBefore.get(placedCase.id)} → `);

      // Recall with a reason.
      await page.goto('/placements');
      await row.locator('.placement-recall').click();
      const recall = page.locator('.recall-modal');
      await recall.locator('.recall-ok').click();
      await expect
        .poll(() => allText(recall.locator('.ant-form-item-explain-error')), wait)
        .toContain('请填写召回原因');
      await recall.locator('.recall-reason').fill('试点结束，提前召回');
      const recalled = page.waitForResponse(
        (r) => r.url().includes('/recall') && r.request().method() === 'POST',
      );
      await recall.locator('.recall-ok').click();
      const answer = await (await recalled).json();
      expect(answer.recalled).toBe(preview.eligible);
      expect(answer.toPreviousCollector).toBe(preview.eligible);
      await expect.poll(() => allText(row), wait).toContain('已召回');
      await expect.poll(() => allText(page.locator('.ant-message')), wait).toContain('已召回');
      await settled(page);
      await shot(page, '10-recalled');

      // Every case is back with the collector it had.
      const after = await (
        await page.request.get('/api/v1/cases?portfolio=DEMO-CC&bucket=M2&pageSize=200&status=open')
      ).json();
      for (const c of after.items as {
        id: string;
        collectorName: string | null;
        agencyName: string | null;
      }[]) {
        expect(c.agencyName).toBeNull();
        expect(c.collectorName).toBe(collectorsBefore.get(c.id));
      }

      // English.
      await switchLanguage(page, 'English', { waitForSave: true });
      await expect.poll(() => allText(table), wait).toContain('Recalled');
      await settled(page);
      await shot(page, '11-placements-en');
      await switchLanguage(page, '中文', { waitForSave: true });
    } finally {
      await context.close();
    }
  });

  it('manager: sees the rules on 分案规则, saves a bucket rule, and assigns now', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, 'manager');
      await page.locator('.app-menu').getByText('分案规则').click();
      await page.waitForURL(/\/assignment$/);
      await expect.poll(() => allText(page.locator('.rules-card')), wait).toContain('当前使用默认规则');
      await choose(page, page.locator('.rule-bucket-M0'), 'T-EARLY');
      await page.keyboard.press('Escape');
      await page.locator('.rules-save').click();
      await expect.poll(() => allText(page.locator('.rules-origin')), wait).toContain('已设置本资产包的规则');

      // The training certification requirement: on (said, and shown), then off again before assigning.
      const certification = page.locator('.rule-require-certification');
      await certification.click();
      await expect.poll(() => allText(page.locator('.ant-message')), wait).toContain('已要求持证上岗');
      await expect.poll(() => certification.getAttribute('aria-checked'), wait).toBe('true');
      await certification.click();
      await expect.poll(() => certification.getAttribute('aria-checked'), wait).toBe('false');

      // The demo's M0 cases wait in the early team's pool: assign them now.
      const ran = page.waitForResponse((r) => r.url().endsWith('/assign') && r.request().method() === 'POST');
      await page.locator('.assign-run').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      const run = await (await ran).json();
      expect(run.portfolioCode).toBe('DEMO-CC');
      const result = page.locator('.assign-result');
      if (run.considered > 0) {
        await expect
          .poll(() => allText(result.locator('.assign-result-assigned')), wait)
          .toContain(String(run.assigned));
        expect(run.unplannedCount).toBe(0);
      } else {
        await expect.poll(() => allText(result), wait).toContain('没有待分配的案件');
      }
      await settled(page);
      await shot(page, '12-rules-assigned');
      await switchLanguage(page, 'English', { waitForSave: true });
      await expect
        .poll(() => allText(page.locator('.rules-card')), wait)
        .toContain('One collector per debtor');
      await shot(page, '13-rules-en');
      await switchLanguage(page, '中文', { waitForSave: true });
    } finally {
      await context.close();
    }
  });
});
