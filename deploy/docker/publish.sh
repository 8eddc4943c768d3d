#!/bin/sh
# The image's build step, also run by the tests for each architecture: publish.sh <linux-x64|linux-arm64> <output folder>
# Self-contained and trimmed-free: the runtime image then only needs the native dependencies (runtime-deps),
# which keeps the image small on a Pi and avoids a second copy of the shared framework.
set -eu
rid="$1"
out="$2"
cd "$(dirname "$0")/../.."
dotnet publish src/Receiver/Receiver.csproj \
  --configuration Release \
  --runtime "$rid" \
  --self-contained true \
  -p:PublishReadyToRun=false \
  -p:DebugType=none \
  -p:GenerateDocumentationFile=false \
  --output "$out"
