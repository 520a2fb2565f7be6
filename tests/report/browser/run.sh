#!/bin/sh
# Browser acceptance of the HTML report (meson: test_report_in_browser).
# usage: run.sh OUTDIR   (LRPREP_BIN from the test environment)
# Renders the report of a generated database, and of one with a site named
# <script>alert(1)</script> and web content titled "><img src=x onerror=alert(1)>,
# in headless Chromium driven by playwright-core (render.js). Screenshots and a
# PDF print land in OUTDIR. Exit 77 (skip) when chromium, node or npm is missing.
set -u
out=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
bin=${LRPREP_BIN:?LRPREP_BIN not set}
for tool in chromium node npm sqlite3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed (tools/install-deps)"; exit 77; }
done

# playwright-core from package-lock.json, installed in the build dir (never in
# the source tree); npm's cache makes this offline after the first time.
mods="$out/browser-node"
if [ ! -f "$mods/node_modules/playwright-core/package.json" ] ||
   ! cmp -s "$here/package-lock.json" "$mods/package-lock.json"; then
	rm -rf "$mods" && mkdir -p "$mods" && cp "$here/package.json" "$here/package-lock.json" "$mods/" || exit 1
	(cd "$mods" && npm ci --no-audit --no-fund --prefer-offline >npm.log 2>&1) ||
		{ cat "$mods/npm.log"; echo "skip: npm ci failed (no registry and no cache?)"; exit 77; }
fi

work="$out/browser-work"
rm -rf "$work" && mkdir -p "$work" || exit 1
"$bin" sample -o "$work/s.db" >/dev/null || { echo "lrprep sample failed"; exit 1; }
"$bin" inspect "$work/s.db" --json >"$work/inspect.json"
"$bin" report "$work/s.db" -o "$work/report.html" --json >"$work/report.json"
[ $? -le 2 ] || { echo "lrprep report failed"; exit 1; }

cp "$work/s.db" "$work/xss.db" || exit 1
sqlite3 "$work/xss.db" "UPDATE Group_ SET name = '<script>alert(1)</script>' WHERE name = 'Site 1';
UPDATE JournalArticle SET title = '\"><img src=x onerror=alert(1)>'
 WHERE groupId IN (SELECT groupId FROM Group_ WHERE name = 'Marketing (Staging)');" || exit 1
"$bin" report "$work/xss.db" -o "$work/xss.html" >/dev/null
[ $? -le 2 ] || { echo "lrprep report (xss) failed"; exit 1; }

node "$here/render.js" "$mods" report "$work/report.html" "$out/report.png" "$work/report.json" "$work/inspect.json" &&
node "$here/render.js" "$mods" xss "$work/xss.html" "$out/xss.png"
