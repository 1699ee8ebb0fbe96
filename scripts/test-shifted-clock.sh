#!/usr/bin/env bash
# Proves the suite is calendar-proof: runs the media tests and the integration tests (SQLite) with
# every test host's clock moved by DAYS (default +400d; "-365d" a year back) through Debian's
# libfaketime (multi-threaded build), preloaded into the test hosts only by a runsettings file
# (not into vstest's console). The monotonic clock moves too, as a whole: timeouts still work.
# PostgreSQL (the scale-out tests') is started here, outside the shifted clock: processes run as
# postgres cannot share the preloaded library's state.
# Usage: scripts/test-shifted-clock.sh [+400d|-365d]. Ends like scripts/test.sh: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
shift_by="${1:-+400d}"
scripts/setup.sh test || exit 1
if ! dpkg -s faketime >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq faketime >/dev/null
fi
source scripts/postgres.sh
lib=$(dpkg -L libfaketime | grep -m1 'libfaketimeMT.so.1$')
settings=$(mktemp --suffix=.runsettings)
log=$(mktemp)
trap 'rm -f "$settings" "$log"; stop_pg' EXIT
cat > "$settings" <<XML
<RunSettings>
  <RunConfiguration>
    <EnvironmentVariables>
      <LD_PRELOAD>$lib</LD_PRELOAD>
      <FAKETIME>$shift_by</FAKETIME>
    </EnvironmentVariables>
  </RunConfiguration>
</RunSettings>
XML
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "== clock moved by $shift_by in the test hosts: $(FAKETIME="$shift_by" LD_PRELOAD="$lib" date -u +%F)"
status=0
for project in tests/LessonReview.Media.Tests tests/LessonReview.Web.Tests; do
  echo "== $project"
  dotnet test "$project" --no-build -v quiet -nologo --settings "$settings" --logger "console;verbosity=minimal" 2>&1 | tee -a "$log" | grep -vE "^\s*$" || status=1
done
read -r passed failed skipped < <(grep -oE "Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$log" \
  | awk -F'[:,] *' '{f+=$2; p+=$4; s+=$6} END {print p+0, f+0, s+0}')
[ "$passed" -gt 0 ] && [ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped (clock $shift_by)"
exit $status
