import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { consoleErrors, hasChromium, launch, SCREENSHOTS, SKIP_MESSAGE, screenshot } from './browser.js';
import { ELENA, GTM_REVIEW, MAYA_ADMIN, SALES_NA, startTestSandbox, type TestSandbox } from './start.js';

const DIMENSIONS = ['data_integration', 'activation', 'usage_campaigns', 'pqls', 'feedback_loop'];

// Without Chromium these tests cannot run: say so plainly and register a single check of exactly that, rather than
// skipped tests that look like they might have run.
if (!hasChromium) {
  console.log(SKIP_MESSAGE);
  describe('the sandbox in a browser', () => {
    it('is not tested here: Chromium is missing', () => {
      expect(hasChromium).toBe(false);
    });
  });
} else {
  // One sandbox (with the demo data set) and one browser for the file; each test gets its own page.
  let t: TestSandbox;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestSandbox({ demo: true }), launch()]);
    console.log(`Sandbox screenshots: ${SCREENSHOTS}`);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.dispose();
  });
  afterEach(async () => {
    await page?.close();
    expect(errors).toEqual([]);
  });

  const open = async (as: string) => {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Well inside the test's own timeout, so a failure names the step it waited on.
    page.setDefaultTimeout(8000);
    errors = consoleErrors(page);
    await page.goto(`${t.base}/sandbox?as=${as}`);
    await page.locator('#person').waitFor();
  };
  const messageWith = (text: string) => page.locator('#pane-body .message', { hasText: text });

  describe('the sandbox in a browser', () => {
    it('runs an assessment through the modal and shows the summary with its chart', async () => {
      await open(MAYA_ADMIN);
      await page.click('[data-nav="gtm-review"]');
      await page.fill('[data-composer="channel"]', '/loop assess');
      await page.press('[data-composer="channel"]', 'Enter');
      const modal = page.locator('.dialog.modal');
      await modal.waitFor();

      // Like Slack's client, the page does not send a modal with a required field left empty.
      await modal.locator('[data-modal="submit"]').click();
      await expect.poll(() => modal.locator('.input-error:visible').count()).toBeGreaterThan(0);
      expect(await modal.locator('.input-error:visible').first().textContent()).toBe(
        'Please complete this required field.',
      );

      await modal.locator('[data-block-id="assess_segment"] select').selectOption('plg_sales_assist');
      await modal.locator('[data-block-id="assess_channel"] select').selectOption(GTM_REVIEW);
      for (const [i, dimension] of DIMENSIONS.entries()) {
        await modal.locator(`[data-block-id="score:${dimension}"] input[value="${i === 0 ? 4 : 3}"]`).check();
      }
      await modal.locator('[data-block-id="flags:pqls"] input').first().check();
      await screenshot(page, 'assessment-modal');
      await modal.locator('[data-modal="submit"]').click();
      await modal.waitFor({ state: 'detached' });
      expect(await page.locator('.toast').count()).toBe(0);

      const summary = messageWith('Feedback-loop assessment: 3.2 / 5').last();
      await summary.waitFor();
      expect(await summary.textContent()).toContain('Competent');
      // Loopkeeper uploads the chart into the summary's thread.
      await summary.locator('.replies-link').click();
      const chart = page.locator('#thread .file-image img').last();
      await chart.waitFor();
      await expect.poll(() => chart.evaluate((img: any) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(100);
      expect(await page.locator('#thread .file-image a').last().getAttribute('download')).toMatch(/\.png$/);
      await chart.scrollIntoViewIfNeeded();
      await screenshot(page, 'assessment-summary');
    });

    it('acknowledges an MQA card by replying in its thread', async () => {
      await open(ELENA);
      await page.click('[data-nav="sales-emea"]');
      const card = messageWith('Acme Analytics').first();
      await card.waitFor();
      expect(await card.textContent()).toContain('Waiting for Sales to acknowledge');
      await card.hover();
      await card.locator('[data-tool="reply"]').click();
      const thread = page.locator('#thread');
      await thread.waitFor();
      await thread.locator('[data-composer="thread"]').fill('ack, calling them tomorrow');
      await thread.locator('[data-composer="thread"]').press('Enter');

      await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain('Acknowledged by @elena');
      await thread.locator('.message', { hasText: 'ack, calling them tomorrow' }).waitFor();
      await screenshot(page, 'mqa-acknowledged');
    });

    it('opens App Home full of the demo data, and its buttons open modals', async () => {
      await open(MAYA_ADMIN);
      await page.click('[data-nav="home"]');
      const home = page.locator('.home');
      await home.waitFor();
      for (const part of ['Latest score', 'Next rituals', 'Top risks']) await home.getByText(part).first().waitFor();
      await screenshot(page, 'app-home');

      await home.locator('button', { hasText: 'Add a risk' }).click();
      const modal = page.locator('.dialog.modal');
      await modal.waitFor();
      await modal.locator('[data-modal="close"]').click();
      await modal.waitFor({ state: 'detached' });
    });

    it('shows a message Slack rejects in the page instead of dropping it', async () => {
      await open(MAYA_ADMIN);
      await page.click('[data-nav="sales-na"]');
      await fetch(`${t.sandbox.double.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.sandbox.double.botToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: SALES_NA,
          text: 'x',
          blocks: [{ type: 'divider', block_id: 'x'.repeat(256) }],
        }),
      });
      const log = page.locator('#errors details');
      await log.waitFor();
      await log.locator('summary').click();
      await expect
        .poll(() => log.textContent())
        .toMatch(/Slack rejected chat\.postMessage \(channel C0SALESNA\): invalid_blocks/);
      await page.locator('.toast', { hasText: 'invalid_blocks' }).first().waitFor();
      await screenshot(page, 'rejected-message');
    });
  });
}
