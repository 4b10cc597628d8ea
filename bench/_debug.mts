import { launchBrowser, startDemo } from '../test/e2e/harness';
import { meterPage, settleRequests } from './pageMeter';
const dir = '/root/.cache/headlamp-flux-crossplane/headlamp/8c2d556e64a69da4/headlamp-0.45.0';
const path = process.argv[2] ?? 'flux-crossplane/kustomizations/kinds/flux-system/platform';
const demo = await startDemo(() => undefined, ['--test-endpoints', '--no-build', '--headlamp', dir, '--kinds', '300']);
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  const meter = await meterPage(page, 'kinds');
  await page.goto(`${demo.url}c/kinds/${path}`);
  await page.getByText(/ConfigMap \(\d+\)/).first().waitFor({ timeout: 60000 });
  await page.waitForTimeout(3000);
  await settleRequests(meter.lastRequestAt, 4000, 20000);
  const c = await meter.counts();
  console.log(JSON.stringify({ ...c, failedRequests: c.failedRequests.slice(0, 5) }, null, 1));
  await page.screenshot({ path: '/tmp/bench-debug.png', fullPage: false });
} finally {
  await browser.close();
  await demo.stop();
}
