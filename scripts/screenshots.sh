#!/usr/bin/env bash
# Regenerates the README's pictures (docs/screenshots/NAME-LANGUAGE-SIZE.png): the journey tests
# (tests/LessonReview.Browser.Tests/Journeys) run in Chromium on a laptop (1366×768) and a phone
# (390×844), in English and Japanese, and keep a picture of the main pages as they pass.
# Pictures come only from passing steps of a real run, never by hand.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out="$PWD/docs/screenshots"
rm -rf "$out" && mkdir -p "$out"
LESSONREVIEW_SCREENSHOTS="$out" dotnet test tests/LessonReview.Browser.Tests --no-build -v quiet -nologo \
  --logger "console;verbosity=minimal" --filter "FullyQualifiedName~.Journeys." 2>&1 | grep -vE "^\s*$"
status=${PIPESTATUS[0]}
echo "screenshots: $(ls "$out" | wc -l) pictures in docs/screenshots"
exit "$status"
