#!/usr/bin/env bash
# Sets everything up, then runs LessonReview on http://127.0.0.1:${PORT:-5080} (Development:
# SQLite and media in src/LessonReview.Web/data, demo accounts with password Seed:Password).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
exec dotnet run --no-build --project src/LessonReview.Web -- --urls "http://127.0.0.1:${PORT:-5080}"
