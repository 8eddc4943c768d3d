#!/bin/sh
# The image's build step, also run by the tests for each architecture:
#   publish.sh <linux-x64|linux-arm64> <output folder>
# writes <output folder>/receiver (a self-contained program) and appsettings.json.
#   publish.sh --restore <linux-x64|linux-arm64>
# only restores the packages for that publish (the Dockerfile does this on the project files alone, so the
# downloaded packages stay in a cached layer when only the sources change).
#
# PUBLISH_MODE picks how (default: trimmed-r2r; the others are kept to measure and compare, see README "Docker"):
#   trimmed-r2r          self-contained, the .NET framework trimmed to what the receiver uses, and precompiled
#                        (ReadyToRun): 52 MB; half the CPU of "trimmed" to start and for each "--health" run,
#                        which on a Pi every 30 s matters more than the 18 MB
#   trimmed              the same without precompiled code (34 MB): trimming drops the framework's own
#                        ReadyToRun code, so everything is compiled at start (~1.5 s CPU here, several on a Pi)
#   self-contained       the whole framework (87 MB)
#   framework-dependent  7.5 MB, but needs a base image with the .NET runtime (mcr.microsoft.com/dotnet/runtime)
#
# Trimming is "partial": only the framework's own assemblies (which are annotated for trimming) are trimmed;
# the receiver's assemblies and its packages are kept whole. That matters because Serilog.Settings.Configuration
# finds its sinks by reflection, the options binder and System.Text.Json (accounts, session journal) reflect over
# the receiver's own types. The trim analysis warnings about those reflective calls are therefore switched off
# here (they warn about trimming the receiver's assemblies, which this mode never does), reflection-based JSON is
# kept on, and tests/docker/run.sh checks logging, every CLI verb and real uploads in the trimmed image.
set -eu
step=publish
if [ "$1" = --restore ]; then
  step=restore
  shift
fi
rid="$1"
mode="${PUBLISH_MODE:-trimmed-r2r}"
cd "$(dirname "$0")/../.."

trim="-p:PublishTrimmed=true -p:TrimMode=partial -p:JsonSerializerIsReflectionEnabledByDefault=true \
 -p:EnableTrimAnalyzer=false -p:SuppressTrimAnalysisWarnings=true -p:EnableConfigurationBindingGenerator=false"
case "$mode" in
  trimmed)             flags="-p:SelfContained=true $trim -p:PublishReadyToRun=false" ;;
  trimmed-r2r)         flags="-p:SelfContained=true $trim -p:PublishReadyToRun=true" ;;
  self-contained)      flags="-p:SelfContained=true -p:PublishReadyToRun=false" ;;
  framework-dependent) flags="-p:SelfContained=false -p:PublishReadyToRun=false" ;;
  *) echo "publish.sh: unknown PUBLISH_MODE '$mode'" >&2; exit 64 ;;
esac

if [ "$step" = restore ]; then
  # shellcheck disable=SC2086 # $flags is a list of arguments
  exec dotnet restore src/Receiver/Receiver.csproj --runtime "$rid" $flags
fi
out="$2"
# shellcheck disable=SC2086
dotnet publish src/Receiver/Receiver.csproj \
  --configuration Release \
  --runtime "$rid" \
  $flags \
  -p:DebugType=none \
  -p:GenerateDocumentationFile=false \
  --output "$out"
