#!/usr/bin/env bash
# Installs and builds what LessonReview needs on a fresh Debian 12 machine with the .NET 10 SDK and
# Node 20. Two modes, each installing only what its own job needs:
#   scripts/setup.sh run    ffmpeg, the front-end npm packages, NuGet restore, build of the web app
#   scripts/setup.sh test   (default) also Chromium and CJK fonts (browser tests), PostgreSQL (the
#                           test script starts a throwaway server), Azurite (tests/tools npm
#                           packages; the tests start it on loopback), aiosmtpd (an SMTP server the
#                           e-mail tests start on loopback), espeak-ng (voices for the talk-analysis
#                           tests), and the whole solution. Both modes fetch the voice-activity
#                           model (npm @ricky0123/vad-web, checked by SHA-256) into models/
# Safe to run again: each step skips what is already there (npm packages are reinstalled only
# when their package-lock.json changed), so a second start takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-test}"
case "$mode" in run|test) ;; *) echo "usage: scripts/setup.sh [run|test]" >&2; exit 2 ;; esac

need_apt=()
command -v ffmpeg >/dev/null 2>&1 || need_apt+=(ffmpeg)
if [ "$mode" = test ]; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
  dpkg -s python3-aiosmtpd >/dev/null 2>&1 || need_apt+=(python3-aiosmtpd) # a real SMTP server for the e-mail tests
  command -v espeak-ng >/dev/null 2>&1 || need_apt+=(espeak-ng) # voices for the talk-analysis tests' clips
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# npm ci wipes node_modules every time; run it only when the lock file differs from the one installed.
npm_install() {
  local dir="$1" stamp="$1/node_modules/.installed-lock-sha256" sum
  sum="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    echo "setup: npm packages in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$sum" > "$stamp"
  fi
}
npm_install src/LessonReview.Web
(cd src/LessonReview.Web && npm run --silent build) # copies the libraries into wwwroot/lib: instant
if [ "$mode" = test ]; then npm_install tests/tools; fi

scripts/fetch-model.sh # the voice-activity model for talk analytics, checked by SHA-256; fetched once

echo "setup: restore and build ($mode)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "$mode" = run ]; then
  dotnet build src/LessonReview.Web -c "${CONFIGURATION:-Debug}" -v quiet -nologo -clp:ErrorsOnly
else
  dotnet build LessonReview.sln -c "${CONFIGURATION:-Debug}" -v quiet -nologo -clp:ErrorsOnly
fi
