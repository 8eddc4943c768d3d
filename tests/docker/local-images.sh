#!/usr/bin/env bash
# Makes the local base images that stand in for the official ones (no registry can be reached on the test
# machines). Each image is made only when missing, so later runs reuse them:
#   receiver-local/debian:bookworm            debootstrap --variant=minbase bookworm, imported
#   receiver-local/sdk:<sdk version>          that + libicu72, ca-certificates, this machine's .NET SDK and CA bundle
#   receiver-local/runtime-deps:10.0-chiseled a distroless stand-in for runtime-deps:10.0-noble-chiseled
# Prints the two build arguments for the Dockerfile: SDK_IMAGE=... and RUNTIME_IMAGE=...
# Usage: local-images.sh <log file>
set -euo pipefail
log="$1"
here="$(cd "$(dirname "$0")" && pwd)"

debian=receiver-local/debian:bookworm
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
sdk="receiver-local/sdk:$(dotnet --version)"
runtime=receiver-local/runtime-deps:10.0-chiseled

have() { docker image inspect "$1" >/dev/null 2>&1; }

if ! have "$debian"; then
  echo "making $debian (debootstrap, about a minute on a fast mirror)" >&2
  rootfs="$(mktemp -d /var/tmp/receiver-rootfs.XXXXXX)"
  trap 'rm -rf "$rootfs"' EXIT
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >>"$log" 2>&1
  tar -C "$rootfs" -c . | docker import - "$debian" >>"$log"
  rm -rf "$rootfs"
  trap - EXIT
fi

if ! have "$sdk"; then
  echo "making $sdk from $dotnet_root" >&2
  builder="receiver-local-sdk-$$"
  docker rm -f "$builder" >/dev/null 2>&1 || true
  docker run --name "$builder" --network host \
    -v "$dotnet_root:/mnt/dotnet:ro" -v /etc/ssl/certs/ca-certificates.crt:/mnt/ca.crt:ro \
    "$debian" sh -ec '
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends libicu72 ca-certificates
      cp -a /mnt/dotnet /usr/share/dotnet
      ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
      cp /mnt/ca.crt /etc/ssl/certs/ca-certificates.crt
      rm -rf /var/lib/apt/lists/*' >>"$log" 2>&1
  docker commit \
    --change 'ENV DOTNET_ROOT=/usr/share/dotnet NUGET_CERT_REVOCATION_MODE=offline DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1' \
    "$builder" "$sdk" >>"$log"
  docker rm "$builder" >/dev/null
fi

if ! have "$runtime"; then
  echo "making $runtime" >&2
  DOCKER_BUILDKIT=0 docker build -q --build-arg "SOURCE_IMAGE=$sdk" -f "$here/runtime-deps.Dockerfile" \
    -t "$runtime" "$here" >>"$log" 2>&1
fi

echo "SDK_IMAGE=$sdk"
echo "RUNTIME_IMAGE=$runtime"
