/**
 * End-to-end journeys through the training screens (培训), in Chromium against the real server with a
 * small demo seed: a trainee role-plays a scenario in the chat and reads the after-call report, checks
 * progress and takes the quiz; a trainer reads the call on 练习记录, and sees cohorts and the leaderboard.
 * Screenshots go to test/e2e/.work/screenshots/training-*.png (git-ignored).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allText, browserJourney, login, settled, switchLanguage, wait } from './browser';

const { newPage, shot } = browserJourney({
  demoAccounts: 100,
  screenshotPrefix: 'training-',
  scrollToTop: true,
});

const SCENARIO = 'm1-forgot-cooperative';
const SCENARIO_TITLE = 'M1 忘记还款的合作型客户';
const STRONG_LINES = readFileSync(
  new URL(`../fixtures/training/${SCENARIO}.strong.txt`, import.meta.url),
  'utf8',
)
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line.length > 0);

/** Two weeks from today in Shanghai (the browser's and the server's zone), 'YYYY-MM-DD'. */
function dueInTwoWeeks(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now() + 14 * 86_400_000);
}

/** Opens a page of the 培训 menu group (opening the group first when it is closed). */
async function openTrainingMenu(page: Page, label: string): Promise<void> {
  const entry = page.locator('.app-menu .ant-menu-item', { hasText: label });
  if (!(await entry.isVisible())) {
    await page.locator('.app-menu .ant-menu-submenu-title', { hasText: '培训' }).click();
  }
  await entry.click();
}

/** The status of the call on the role-play screen ('active' | 'ended'). */
function callStatus(page: Page): Promise<string | null> {
  return page.locator('.training-session').getAttribute('data-status');
}

/** From the library: the scenario's briefing, then dial; waits for the call screen. */
async function startScenario(page: Page, scenarioId: string): Promise<void> {
  await page.locator(`.scenario-card[data-scenario-id="${scenarioId}"] .scenario-start`).click();
  await expect.poll(() => page.locator('.briefing-modal .briefing-background').count(), wait).toBe(1);
  await page.locator('.briefing-call').click();
  await page.waitForURL(/\/training\/sessions\/[^/]+$/);
  await expect.poll(() => callStatus(page), wait).toBe('active');
}

/** Types one line into the chat, sends it with Enter and waits for the customer's answer (or the end). */
async function say(page: Page, line: string, traineeLinesBefore: number): Promise<void> {
  const box = page.locator('.chat-composer textarea');
  await box.fill(line);
  await box.press('Enter');
  await expect
    .poll(async () => {
      if ((await callStatus(page)) === 'ended') return 'ended';
      const sent = await page.locator('.chat-line-trainee[data-turn]').count();
      const waiting = await page.locator('.chat-waiting').count();
      return sent > traineeLinesBefore && waiting === 0 ? 'answered' : 'waiting';
    }, wait)
    .not.toBe('waiting');
}

describe('training journeys', () => {
  it('trainee: role-plays a scenario line by line, the call ends and the report passes; progress and quiz', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, 'trainee');
      // The menu shows the trainee's screens only.
      await page.locator('.app-menu .ant-menu-submenu-title', { hasText: '培训' }).click();
      await expect.poll(() => allText(page.locator('.app-menu')), wait).toContain('知识测验');
      expect(await allText(page.locator('.app-menu'))).not.toContain('培训班');

      await openTrainingMenu(page, '场景库');
      await page.waitForURL((url) => url.pathname === '/training');
      await expect.poll(() => page.locator('.scenario-card').count(), wait).toBeGreaterThan(3);
      await settled(page);
      await shot(page, '00-library');
      await startScenario(page, SCENARIO);

      // The briefing beside the chat: title, account facts, goal, the turn counter; the persona stays hidden.
      const side = page.locator('.session-briefing');
      await expect.poll(() => allText(side), wait).toContain(SCENARIO_TITLE);
      expect(await allText(side)).toContain('王建国');
      expect(await side.locator('.session-persona-hidden').count()).toBe(1);
      expect(await side.locator('.session-turns').getAttribute('data-used')).toBe('0');
      // The customer picks up first.
      expect(await page.locator('.chat-line-debtor[data-turn]').count()).toBeGreaterThan(0);

      for (const [index, line] of STRONG_LINES.entries()) {
        expect(await callStatus(page), `the call ended before line ${index + 1}`).toBe('active');
        await say(page, line, index);
        if (index === 2) {
          expect(await side.locator('.session-turns').getAttribute('data-used')).toBe('3');
          expect(await allText(page.locator('.chat-line-trainee'))).toContain(STRONG_LINES[0]);
          await shot(page, '01-chat-live');
        }
      }

      // The customer agreed and said goodbye: the call ends by itself and the report appears.
      await expect.poll(() => callStatus(page), wait).toBe('ended');
      const report = page.locator('.training-report');
      await expect.poll(() => report.count(), wait).toBe(1);
      expect(await report.getAttribute('data-passed')).toBe('true');
      const score = Number(await page.locator('.report-score-value').getAttribute('data-score'));
      expect(score).toBeGreaterThanOrEqual(80);
      expect(await page.locator('.report-compliance-ok').count()).toBe(1);
      expect(await page.locator('.report-ended').getAttribute('data-ended')).toBe('promise');
      expect(await page.locator('.dimension-item').count()).toBeGreaterThan(5);
      // The transcript in the report, with what each trainee line did; the persona revealed beside it.
      expect(await page.locator('.report-transcript .chat-line-trainee').count()).toBe(STRONG_LINES.length);
      expect(await page.locator('.report-act').count()).toBeGreaterThan(0);
      expect(await page.locator('.session-briefing .session-persona').getAttribute('data-persona')).toBe(
        'cooperative',
      );
      expect(await page.locator('.chat-composer').count()).toBe(0);
      await settled(page);
      await shot(page, '02-chat-report');

      // Practise again: a threatening line gets the live hint; ending the call shows the violation marked.
      await page.locator('.session-ended button', { hasText: '再练一次' }).click();
      await expect.poll(() => callStatus(page), wait).toBe('active');
      await say(page, '王建国是吧，你欠钱不还还想不想过了？再不还就让大家都知道你是老赖。', 0);
      await expect.poll(() => page.locator('.session-hint').count(), wait).toBe(1);
      await shot(page, '03-chat-hint');
      await page.locator('.session-end').click();
      await page.locator('.session-end-confirm').click();
      await expect
        .poll(() => page.locator('.training-report').getAttribute('data-passed'), wait)
        .toBe('false');
      expect(await page.locator('.report-compliance-failed').count()).toBe(1);
      expect(await page.locator('.report-transcript mark.qa-mark-error').count()).toBeGreaterThan(0);
      expect(await page.locator('.report-transcript .training-finding-alternative').count()).toBeGreaterThan(
        0,
      );
      await settled(page);
      await shot(page, '04-chat-report-violation');

      // Progress: both calls in the history, the radar, certification requirements.
      await openTrainingMenu(page, '我的进度');
      await page.waitForURL((url) => url.pathname === '/training/progress');
      await expect.poll(() => page.locator('.progress-history tbody tr.ant-table-row').count(), wait).toBe(2);
      expect(await allText(page.locator('.progress-history'))).toContain(SCENARIO_TITLE);
      expect(await page.locator('.skill-radar').count()).toBe(1);
      expect(await page.locator('.requirement-item').count()).toBeGreaterThan(0);
      expect(await page.locator('.certification').getAttribute('data-certified')).toBe('false');
      await settled(page);
      await shot(page, '05-progress');

      // Knowledge quiz: answer every question with its first option, submit, see each item graded.
      await openTrainingMenu(page, '知识测验');
      await page.waitForURL((url) => url.pathname === '/training/quiz');
      await expect.poll(() => page.locator('.quiz-question').count(), wait).toBeGreaterThan(5);
      const firstSeed = await page.locator('.training-quiz').getAttribute('data-seed');
      const questions = await page.locator('.quiz-question').count();
      for (let i = 0; i < questions; i++) {
        await page
          .locator('.quiz-question')
          .nth(i)
          .locator('.quiz-option')
          .first()
          .locator('.ant-radio-wrapper, .ant-checkbox-wrapper')
          .click();
      }
      await expect
        .poll(() => allText(page.locator('.quiz-answered')), wait)
        .toContain(`${questions} / ${questions}`);
      await page.locator('.quiz-submit').click();
      await expect.poll(() => page.locator('.quiz-result').count(), wait).toBe(1);
      expect(await page.locator('.quiz-question[data-correct]').count()).toBe(questions);
      expect(await page.locator('.quiz-explanation').count()).toBe(questions);
      expect(await page.locator('.quiz-result .requirement-item').count()).toBeGreaterThan(0);
      await shot(page, '06-quiz-result');
      await page.locator('.quiz-again').click();
      await expect.poll(() => page.locator('.quiz-result').count(), wait).toBe(0);
      await expect
        .poll(() => page.locator('.training-quiz').getAttribute('data-seed'), wait)
        .not.toBe(firstSeed);
      expect(await page.locator('.quiz-question[data-correct]').count()).toBe(0);

      // Trainer screens are not for a trainee.
      await page.goto('/training/cohorts');
      await expect.poll(() => page.locator('.ant-result-403').count(), wait).toBe(1);
    } finally {
      await context.close();
    }
  });

  it("trainer: finds the trainee's call on 练习记录 and reads its report; cohorts and the leaderboard", async () => {
    const { context, page } = await newPage();
    try {
      await login(page, 'trainer');
      await openTrainingMenu(page, '练习记录');
      await page.waitForURL((url) => url.pathname === '/training/transcripts');
      const rows = page.locator('.session-table tbody tr.ant-table-row');
      await expect.poll(() => rows.count(), wait).toBeGreaterThanOrEqual(2);

      // Narrow to the trainee, then open the passed call.
      await page.locator('.filter-trainee').click();
      await page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: '孙浩' }).click();
      await page.waitForURL((url) => url.searchParams.has('trainee'));
      await expect.poll(() => allText(rows), wait).toContain('孙浩');
      const passed = rows.filter({ has: page.locator('.training-pass-tag[data-passed="true"]') });
      await expect.poll(() => passed.count(), wait).toBe(1);
      expect(await allText(passed)).toContain(SCENARIO_TITLE);
      await settled(page);
      await shot(page, '07-transcripts');
      await passed.locator('.session-link').click();
      await page.waitForURL(/\/training\/sessions\/[^/]+$/);

      // Read-only: the report and the annotated transcript, no text box.
      await expect.poll(() => page.locator('.training-report').count(), wait).toBe(1);
      expect(await allText(page.locator('.session-read-only'))).toContain('孙浩');
      expect(await page.locator('.training-report').getAttribute('data-passed')).toBe('true');
      expect(
        Number(await page.locator('.report-score-value').getAttribute('data-score')),
      ).toBeGreaterThanOrEqual(80);
      expect(await page.locator('.chat-composer').count()).toBe(0);
      expect(await page.locator('.report-transcript .chat-line-trainee').count()).toBe(STRONG_LINES.length);
      await settled(page);
      await shot(page, '08-trainer-report');

      // Cohorts: the demo cohort with the trainee, m1 passed by one member; a new cohort with an assignment.
      await openTrainingMenu(page, '培训班');
      await page.waitForURL((url) => url.pathname === '/training/cohorts');
      const demoCohort = page.locator('.cohort-card', { hasText: '新人上岗培训班' });
      await expect.poll(() => demoCohort.count(), wait).toBe(1);
      expect(await allText(demoCohort.locator('.cohort-members'))).toContain('孙浩');
      const m1 = demoCohort.locator('.cohort-assignments tr', { hasText: SCENARIO_TITLE });
      await expect.poll(() => m1.locator('.cohort-passed').getAttribute('data-passed'), wait).toBe('1');

      await page.locator('.cohort-create').click();
      await page.locator('.cohort-create-modal .cohort-name').fill('端到端测试班');
      await page.locator('.cohort-create-modal .cohort-members-select').click();
      await page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: '孙浩' }).click();
      await page.keyboard.press('Escape');
      await page.locator('.cohort-create-modal .ant-modal-footer .ant-btn-primary').click();
      const created = page.locator('.cohort-card', { hasText: '端到端测试班' });
      await expect.poll(() => created.count(), wait).toBe(1);
      expect(await allText(created.locator('.cohort-members'))).toContain('孙浩');

      await created.locator('.cohort-assign').click();
      await page.locator('.cohort-assign-modal .cohort-scenarios-select').click();
      await page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: SCENARIO_TITLE }).click();
      await page.keyboard.press('Escape');
      const due = dueInTwoWeeks();
      const dueInput = page.locator('.cohort-assign-modal .cohort-due input');
      await dueInput.click();
      await dueInput.fill(due);
      await dueInput.press('Enter');
      await expect.poll(() => dueInput.inputValue(), wait).toBe(due);
      await page.locator('.cohort-assign-modal .ant-modal-footer .ant-btn-primary').click();
      const assigned = created.locator('.cohort-assignments tr', { hasText: SCENARIO_TITLE });
      await expect.poll(() => assigned.count(), wait).toBe(1);
      await expect.poll(() => assigned.locator('.cohort-passed').getAttribute('data-passed'), wait).toBe('1');
      expect(await allText(assigned.locator('.assignment-due'))).toContain(due);
      await expect.poll(() => page.locator('.ant-message-notice').count(), wait).toBe(0);
      await settled(page);
      await shot(page, '09-cohorts');

      // Leaderboard: the trainee on top with one scenario passed.
      await openTrainingMenu(page, '排行榜');
      await page.waitForURL((url) => url.pathname === '/training/leaderboard');
      const first = page.locator('.leaderboard-table tbody tr.ant-table-row').first();
      await expect.poll(() => allText(first), wait).toContain('孙浩');
      await settled(page);
      await shot(page, '10-leaderboard');

      // The trainee's progress, from the leaderboard; then once in English.
      await first.locator('.leaderboard-trainee').click();
      await page.waitForURL(/\/training\/trainees\/[^/]+$/);
      await expect.poll(() => allText(page.locator('.progress-title')), wait).toContain('孙浩 的培训进度');
      await expect.poll(() => page.locator('.progress-history tbody tr.ant-table-row').count(), wait).toBe(2);
      await switchLanguage(page, 'English', { waitForSave: true });
      await expect
        .poll(() => allText(page.locator('.progress-title')), wait)
        .toContain("孙浩's training progress");
      expect(await allText(page.locator('.app-menu'))).toContain('Leaderboard');
      await settled(page);
      await shot(page, '11-trainee-progress-en');
      await switchLanguage(page, '中文', { waitForSave: true });
    } finally {
      await context.close();
    }
  });
});
