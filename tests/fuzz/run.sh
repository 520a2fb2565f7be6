#!/bin/sh
# Run every libFuzzer target for SECONDS each, starting from its seed corpus
# (tests/fuzz/corpus/<reader>/, copied so the seeds stay as written).
# Exits non-zero if a target crashes; the crashing input is kept in
# ARTIFACTS (default ./fuzz-artifacts) to be added as a regression seed.
#   usage: tests/fuzz/run.sh BUILD_DIR [SECONDS] [ARTIFACTS]
# BUILD_DIR must be configured with: CC=clang meson setup BUILD_DIR -Dfuzz=true
set -eu
build=${1:?usage: run.sh BUILD_DIR [SECONDS] [ARTIFACTS]}
secs=${2:-60}
art=${3:-fuzz-artifacts}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$art"
found=0
status=0
for exe in "$build"/tests/fuzz/fuzz_*; do
	[ -f "$exe" ] && [ -x "$exe" ] || continue
	found=1
	name=$(basename "$exe")
	reader=${name#fuzz_}
	work=$(mktemp -d)
	if [ -d "$here/corpus/$reader" ]; then
		cp -r "$here/corpus/$reader/." "$work/"
	fi
	echo "== $name for ${secs}s (seeds: $(ls "$work" | wc -l))"
	if ! "$exe" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
		-artifact_prefix="$art/$name-" -print_final_stats=1 "$work" 2>"$art/$name.log"; then
		echo "$name: CRASH — see $art/$name.log and $art/$name-*" >&2
		tail -30 "$art/$name.log" >&2
		status=1
	else
		tail -3 "$art/$name.log"
	fi
	rm -rf "$work"
done
if [ "$found" = 0 ]; then
	echo "no fuzz targets in $build/tests/fuzz (configure with CC=clang -Dfuzz=true)" >&2
	exit 2
fi
exit $status
