#!/usr/bin/env bash
# Runs each fuzz target of tests/Receiver.Reliability.Tests/FuzzTests.cs for FUZZ_SECONDS (default 60) instead of
# the fixed input count of the normal test run. Targets: the CGI response parser, the SFTP packet decoder, the FTP
# command parser, the SSH version/packet/message decoders. Seeds: fuzz/corpus/<target> (fuzz/make_corpus.py).
# A failing target prints the input (hex) that broke it: add it to the corpus and as a regression test.
# Usage: fuzz/run.sh [seconds-per-target]
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
export FUZZ_SECONDS="${1:-${FUZZ_SECONDS:-60}}"
dotnet build "$REPO/tests/Receiver.Reliability.Tests" --nologo -v quiet >/dev/null
for target in Cgi_response_parser Sftp_packet_decoder Ftp_command_parser Ssh_version_packet; do
    echo "== $target for $FUZZ_SECONDS s"
    dotnet test "$REPO/tests/Receiver.Reliability.Tests" --no-build --nologo --filter "FullyQualifiedName~FuzzTests.$target" \
        --logger "console;verbosity=detailed" | grep -E "Passed|Failed|executions|input [0-9]+" || true
done
