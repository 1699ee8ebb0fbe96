#!/usr/bin/env bash
# Installs and builds everything LessonReview needs on a fresh Debian 12 machine with the .NET 10
# SDK and Node 20: ffmpeg, Chromium (browser tests), CJK fonts, PostgreSQL (the test script starts
# a throwaway server), npm packages (front-end libraries, and Azurite, which the tests start
# themselves on loopback), NuGet restore, build.
# Safe to run again: each step skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v ffmpeg >/dev/null 2>&1 || need_apt+=(ffmpeg)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

echo "setup: front-end packages and test tools (Azurite)"
(cd src/LessonReview.Web && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build)
(cd tests/tools && npm ci --no-audit --no-fund --loglevel=error)

echo "setup: restore and build"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build LessonReview.sln -c "${CONFIGURATION:-Debug}" -v quiet -nologo -clp:ErrorsOnly
