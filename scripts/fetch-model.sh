#!/usr/bin/env bash
# Fetches the voice-activity model for talk analytics (Silero VAD v5, MIT) into models/, from the
# npm package @ricky0123/vad-web (no model hub is reachable from our machines), and checks its
# SHA-256. Used by scripts/setup.sh and by both Dockerfiles; does nothing when the right file is there.
set -euo pipefail
cd "$(dirname "$0")/.."
model=models/silero_vad_v5.onnx
model_sum=2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f
[ "$(sha256sum "$model" 2>/dev/null | cut -d' ' -f1)" = "$model_sum" ] && exit 0
echo "setup: the voice-activity model"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack @ricky0123/vad-web@0.0.31 --silent >/dev/null 2>&1 && tar xzf ricky0123-vad-web-0.0.31.tgz package/dist/silero_vad_v5.onnx) \
  || { echo "setup: could not fetch @ricky0123/vad-web from the npm registry" >&2; exit 1; }
mkdir -p models && cp "$tmp/package/dist/silero_vad_v5.onnx" "$model"
[ "$(sha256sum "$model" | cut -d' ' -f1)" = "$model_sum" ] || { echo "setup: the model's checksum does not match; removed it" >&2; rm -f "$model"; exit 1; }
