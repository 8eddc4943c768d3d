#!/bin/sh
# The image's build step, also run by the tests for each architecture:
#   publish.sh <linux-x64|linux-arm64> <output folder>
# writes <output folder>/receiver (a self-contained program) and appsettings.json.
#   publish.sh --restore <linux-x64|linux-arm64>
# only restores the packages for that publish (the Dockerfile does this on the project files alone, so the
# downloaded packages stay in a cached layer when only the sources change).
#
# PUBLISH_MODE picks how (default: trimmed; the others are kept to measure and compare, see README "Docker"):
#   trimmed              self-contained, the .NET framework and BouncyCastle trimmed to what the receiver uses
#                        (29 MB): 49 MB RSS idle. The same IL runs on x64 and arm64, so what the tests run on x64
#                        is what a Pi runs.
#   trimmed-r2r          the same, precompiled (ReadyToRun, 40 MB): half the CPU to start (1.6 s against 2.7 s
#                        here) and for each --health (0.27 s against 0.55 s), but 62 MB RSS idle, and the
#                        precompiled code of trimmed assemblies is a second build per architecture that the tests
#                        do not run on arm64 (one harmless code change made it abort at start on x64).
#   self-contained       the whole framework (87 MB)
#   framework-dependent  7.5 MB, but needs a base image with the .NET runtime (mcr.microsoft.com/dotnet/runtime)
#   aot                  NativeAOT: one native program (31 MB) that needs no JIT: about a tenth of the CPU to start
#                        and for each --health, 20 MB RSS idle (README "NativeAOT"). Linked by clang and lld
#                        (Debian: clang lld); linux-arm64 from an x64 machine is cross-linked against Debian's
#                        arm64 cross C library (gcc-aarch64-linux-gnu, which brings libc6-dev-arm64-cross and
#                        binutils-aarch64-linux-gnu for the symbol strip). scripts/aot-check.sh runs both builds,
#                        arm64 under qemu-user-static.
#
# Trimming is "partial": only the framework's own assemblies (which are annotated for trimming) are trimmed;
# the receiver's assemblies and its packages are kept whole, except BouncyCastle (src/Receiver/Receiver.csproj: the
# receiver calls only its Ed25519/X25519 math, directly; 12 MB -> 0.2 MB). That matters because Serilog.Settings.Configuration
# finds its sinks by reflection, the options binder and System.Text.Json (accounts, session journal) reflect over
# the receiver's own types. The trim analysis warnings about those reflective calls are therefore switched off
# here (they warn about trimming the receiver's assemblies, which this mode never does), reflection-based JSON is
# kept on, and tests/docker/run.sh checks logging, every CLI verb and real uploads in the trimmed image.
# (Since the NativeAOT work the receiver's own code binds options, reads its JSON and configures Serilog without
# reflection in every build: the analyzers run on every build of src/, src/Directory.Build.props.)
#
# Anything after the output folder goes to dotnet publish as it is (e.g. -p:TrimmerSingleWarn=false).
set -eu
step=publish
if [ "$1" = --restore ]; then
  step=restore
  shift
fi
rid="$1"
mode="${PUBLISH_MODE:-trimmed}"
cd "$(dirname "$0")/../.."

trim="-p:PublishTrimmed=true -p:TrimMode=partial -p:JsonSerializerIsReflectionEnabledByDefault=true \
 -p:EnableTrimAnalyzer=false -p:SuppressTrimAnalysisWarnings=true"
case "$mode" in
  trimmed)             flags="-p:SelfContained=true $trim -p:PublishReadyToRun=false" ;;
  trimmed-r2r)         flags="-p:SelfContained=true $trim -p:PublishReadyToRun=true" ;;
  self-contained)      flags="-p:SelfContained=true -p:PublishReadyToRun=false" ;;
  framework-dependent) flags="-p:SelfContained=false -p:PublishReadyToRun=false" ;;
  aot)                 flags="-p:PublishAot=true" ;;
  *) echo "publish.sh: unknown PUBLISH_MODE '$mode'" >&2; exit 64 ;;
esac

if [ "$step" = restore ]; then
  # shellcheck disable=SC2086 # $flags is a list of arguments
  exec dotnet restore src/Receiver/Receiver.csproj --runtime "$rid" $flags
fi
out="$2"
shift 2 # anything after the folder goes to dotnet publish as it is
# shellcheck disable=SC2086
dotnet publish src/Receiver/Receiver.csproj \
  --configuration Release \
  --runtime "$rid" \
  $flags \
  -p:DebugType=none \
  -p:GenerateDocumentationFile=false \
  --output "$out" \
  "$@"
