#!/usr/bin/env bash
# Sets everything up, then runs every test: unit and integration tests with real ffmpeg and
# Azurite, the integration suite a second time on PostgreSQL (a throwaway server on loopback,
# stopped at the end), and the browser tests in Chromium. Ends with one line:
# "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- PostgreSQL on a free loopback port with a temporary data directory, stopped at exit ---
source scripts/postgres.sh

log=$(mktemp)
status=0
run() { # name, project, extra env...
  local name=$1 project=$2; shift 2
  echo "== $name"
  # With pipefail the pipeline fails when dotnet test does (a failed test): note it, go on to the next project.
  if ! env "$@" dotnet test "$project" --no-build -v quiet -nologo --logger "console;verbosity=minimal" 2>&1 | tee -a "$log" | grep -vE "^\s*$"; then
    status=1
  fi
}
# LESSONREVIEW_TEST_POSTGRES (from postgres.sh): the scale-out tests use it in both passes
run "media (ffmpeg)" tests/LessonReview.Media.Tests
run "integration on SQLite (ffmpeg, Azurite, .NET SignalR client; scale-out on PostgreSQL)" tests/LessonReview.Web.Tests
run "integration on PostgreSQL" tests/LessonReview.Web.Tests LESSONREVIEW_TEST_DATABASE=PostgreSQL
run "browser (Chromium)" tests/LessonReview.Browser.Tests

# Sum the per-run summaries ("Failed: 0, Passed: 26, Skipped: 0, Total: 26").
read -r passed failed skipped < <(grep -oE "Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$log" \
  | awk -F'[:,] *' '{f+=$2; p+=$4; s+=$6} END {print p+0, f+0, s+0}')
rm -f "$log"
[ "$passed" -gt 0 ] && [ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
