// Open an lrprep HTML report in headless Chromium (Debian's /usr/bin/chromium)
// and check it: no console error, no page error, no request but file: and
// data:, no dialog; charts drawn; key numbers equal the --json output.
// usage: node render.js MODULES_DIR report|xss REPORT.html SHOT.png [report.json inspect.json]
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const [mods, mode, html, shot, repJson, inJson] = process.argv.slice(2);
const { chromium } = require(path.join(mods, 'node_modules', 'playwright-core'));

const problems = [];
function expect(cond, what) {
	if (!cond)
		problems.push(what);
}

(async () => {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lrprep-chromium-'));
	const ctx = await chromium.launchPersistentContext(profile, {
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
			'--disable-component-update', '--disable-sync', '--no-first-run'],
		viewport: { width: 1200, height: 900 },
	});
	const requests = [], consoleErrors = [], dialogs = [];
	await ctx.route('**/*', route => {
		const url = route.request().url();
		requests.push(url);
		if (url.startsWith('file:') || url.startsWith('data:'))
			return route.continue();
		return route.abort();
	});
	const page = ctx.pages()[0] || await ctx.newPage();
	page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
	page.on('pageerror', e => consoleErrors.push('page error: ' + e.message));
	page.on('dialog', d => { dialogs.push(d.type() + ': ' + d.message()); d.dismiss().catch(() => {}); });
	page.on('request', r => { if (!requests.includes(r.url())) requests.push(r.url()); });

	await page.goto('file://' + path.resolve(html), { waitUntil: 'load' });
	await page.waitForTimeout(300); // let any (unwanted) handler fire

	const dom = await page.evaluate(() => {
		const txt = s => { const e = document.querySelector(s); return e ? e.textContent : null; };
		const charts = Array.from(document.querySelectorAll('svg')).map(s => {
			const r = s.getBoundingClientRect();
			return { cls: s.getAttribute('class'), w: r.width, h: r.height,
				shapes: s.querySelectorAll('rect, path, circle').length };
		});
		return {
			verdict: txt('#verdict'), errors: txt('#count-error'), warnings: txt('#count-warning'),
			notices: txt('#count-notice'), totalRows: txt('#total-rows'), tableCount: txt('#table-count'),
			planObjects: txt('#plan-objects'), charts,
			images: document.images.length, scripts: document.scripts.length,
			cells: Array.from(document.querySelectorAll('td')).map(td => td.textContent),
			svgLabels: Array.from(document.querySelectorAll('svg text')).map(t => t.textContent),
		};
	});
	for (const c of dom.charts)
		expect(c.w > 50 && c.h > 50 && c.shapes > 0, `chart ${c.cls} not drawn (${JSON.stringify(c)})`);
	expect(dom.images === 0, `${dom.images} <img> element(s) in the page`);
	expect(dom.scripts === 1, `${dom.scripts} <script> elements, expected only the page's own`);

	if (mode === 'report') {
		const rep = JSON.parse(fs.readFileSync(repJson, 'utf8'));
		const ins = JSON.parse(fs.readFileSync(inJson, 'utf8'));
		expect(dom.charts.length === 7, `${dom.charts.length} SVG charts, expected 7`);
		expect(dom.verdict === rep.verdict, `verdict "${dom.verdict}" != "${rep.verdict}"`);
		expect(dom.errors === `${rep.errorCount} errors`, `errors "${dom.errors}" (json ${rep.errorCount})`);
		expect(dom.warnings === `${rep.warningCount} warnings`, `warnings "${dom.warnings}" (json ${rep.warningCount})`);
		expect(dom.notices === `${rep.noticeCount} notices`, `notices "${dom.notices}" (json ${rep.noticeCount})`);
		expect(dom.totalRows === String(ins.totalRows), `total rows "${dom.totalRows}" != ${ins.totalRows}`);
		expect(dom.tableCount === String(ins.tableCount), `tables "${dom.tableCount}" != ${ins.tableCount}`);
		expect(dom.planObjects === String(rep.planObjects), `plan objects "${dom.planObjects}" != ${rep.planObjects}`);
		expect(dom.svgLabels.includes(ins.tables[0].name), `biggest table ${ins.tables[0].name} has no bar`);

		// sorting: click "pages" in the sites table, twice: descending
		const th = page.locator('#sites th', { hasText: /^pages$/ });
		await th.click();
		await th.click();
		const pages = await page.$$eval('#sites tbody tr td:nth-child(4)', tds => tds.map(t => +t.textContent));
		expect(pages.length > 1 && pages.every((v, i) => i === 0 || pages[i - 1] >= v),
			`sites not sorted by pages descending: ${pages.join(',')}`);
		// filtering: only rows mentioning "orphan" stay visible in the findings
		await page.fill('#findings input.filter', 'orphan');
		const vis = await page.$$eval('#findings tbody tr', trs =>
			trs.filter(t => t.style.display !== 'none').map(t => t.textContent.toLowerCase()));
		expect(vis.length > 0 && vis.every(t => t.includes('orphan')), `filter kept ${vis.length} rows`);
		await page.fill('#findings input.filter', '');
		await page.evaluate(() => document.querySelectorAll('#sites th').forEach(h => h.classList.remove('asc', 'desc')));
		await page.screenshot({ path: shot, fullPage: true });
		// printing works (headless PDF) with everything unfolded
		await page.emulateMedia({ media: 'print' });
		await page.pdf({ path: shot.replace(/\.png$/, '.pdf'), format: 'A4', printBackground: true });
		await page.emulateMedia({ media: 'screen' });
	} else {
		// the hostile values are shown, as text
		expect(dom.cells.includes('<script>alert(1)</script>'), 'site name not shown as text in a cell');
		expect(dom.svgLabels.includes('<script>alert(1)</script>'), 'site name not shown as text in the chart');
		expect(dom.cells.includes('"><img src=x onerror=alert(1)>'), 'article title not shown as text');
	}
	if (mode !== 'report')
		await page.screenshot({ path: shot, fullPage: true });

	const outside = requests.filter(u => !u.startsWith('file:') && !u.startsWith('data:'));
	expect(outside.length === 0, `requests to outside addresses: ${outside.join(' ')}`);
	expect(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
	expect(dialogs.length === 0, `dialogs opened: ${dialogs.join(' | ')}`);
	await ctx.close();
	fs.rmSync(profile, { recursive: true, force: true });
	if (problems.length) {
		console.error(`${mode}: ${html}\n  ` + problems.join('\n  '));
		process.exit(1);
	}
	console.log(`${mode}: ok, ${dom.charts.length} charts, ${requests.length} request(s) (all file:/data:), screenshot ${shot}`);
})().catch(e => { console.error(e); process.exit(1); });
