// Loads a local HTML page in Debian's headless Chromium (driven by playwright-core, pinned
// in package.json) with no network, waits for it to draw, keeps a screenshot, and checks
// that each CSS selector given matches at least one element that is drawn: a box of
// positive width and height, not hidden. Prints one line per selector with its count.
//   node check_page.mjs PAGE.html SCREENSHOT.png SELECTOR...
// Exit 0 when every selector is drawn, 1 when one is not or the page logs an error,
// 77 when Chromium or playwright-core is missing (the CTest "skip" code), or 1 then too
// when POOLCHECK_REQUIRE_BROWSER=1 (CI: .ci/run sets it, so a missing browser fails).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

const [page_path, screenshot, ...selectors] = process.argv.slice(2);
if (!page_path || !screenshot || selectors.length === 0) {
  console.error('usage: node check_page.mjs PAGE.html SCREENSHOT.png SELECTOR...');
  process.exit(2);
}
const required = process.env.POOLCHECK_REQUIRE_BROWSER === '1';
function skip(why) {
  console.error(`${required ? 'FAIL (POOLCHECK_REQUIRE_BROWSER=1)' : 'SKIP'}: ${why}`);
  process.exit(required ? 1 : 77);
}
const chromium_path = process.env.CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(chromium_path)) {
  skip(`no Chromium at ${chromium_path} (tools/install-deps.sh installs it)`);
}
let playwright;
try {
  playwright = await import('playwright-core');
} catch (e) {
  skip('playwright-core is not installed (run tools/install-deps.sh, which runs npm ci ' +
       'in tools/browser)');
}
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'poolcheck-chromium-'));
// A fresh profile directory (playwright passes it as --user-data-dir).
const browser = await playwright.chromium.launchPersistentContext(profile, {
  executablePath: chromium_path,
  headless: true,
  viewport: {width: 1400, height: 900},
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const page = await browser.newPage();
  // Offline: only the page's own file may load.
  await page.route('**/*', (route) =>
      route.request().url().startsWith('file:') ? route.continue() : route.abort());
  page.on('pageerror', (err) => { console.error(`page error: ${err.message}`); failed = true; });
  await page.goto(pathToFileURL(path.resolve(page_path)).href, {waitUntil: 'load'});
  await page.screenshot({path: screenshot});
  for (const selector of selectors) {
    const drawn = await page.$$eval(selector, (elements) => elements.filter((e) => {
      const box = e.getBoundingClientRect();
      const style = getComputedStyle(e);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' &&
             style.display !== 'none';
    }).length);
    console.log(`${drawn > 0 ? 'drawn' : 'NOT DRAWN'}: ${drawn} x ${selector}`);
    if (drawn === 0) failed = true;
  }
} finally {
  await browser.close();
  fs.rmSync(profile, {recursive: true, force: true});
}
process.exit(failed ? 1 : 0);
