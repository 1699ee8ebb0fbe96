#!/usr/bin/env bash
# Sets everything up, then runs every test (unit, integration with real ffmpeg, browser with
# Chromium) and prints one closing line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log=$(mktemp)
status=0
for project in tests/LessonReview.Media.Tests tests/LessonReview.Web.Tests tests/LessonReview.Browser.Tests; do
  echo "== $project"
  dotnet test "$project" --no-build -v quiet -nologo 2>&1 | tee -a "$log" | grep -vE "^\s*$" || true
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

# Sum the per-project summaries ("Failed: 0, Passed: 26, Skipped: 0, Total: 26").
read -r passed failed skipped < <(grep -oE "Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$log" \
  | awk -F'[:,] *' '{f+=$2; p+=$4; s+=$6} END {print p+0, f+0, s+0}')
rm -f "$log"
[ "$passed" -gt 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
