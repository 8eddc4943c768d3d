# Receiver: camera uploads over sFTP, FTPS and FTP.
# Base images are build arguments: the defaults are the official .NET images; tests/docker/run.sh builds this
# same file on local stand-ins (no registry there).
#   docker build -t receiver .
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
# Distroless Ubuntu: C runtime, OpenSSL and CA certificates only (~13 MB), no shell, no package manager.
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled

# The runtime base under a name, so that the next stage can read its user list.
FROM ${RUNTIME_IMAGE} AS runtime-base

# The runtime image has no shell, so its user, data folder and time zones are prepared here:
# the receiver user is added to the base's own user list; tzdata because the per-day folders follow TZ.
FROM ${SDK_IMAGE} AS rootfs
COPY --from=runtime-base /etc/passwd /etc/group /rootfs/etc/
RUN echo 'receiver:x:10001:10001:receiver:/data:/usr/sbin/nologin' >> /rootfs/etc/passwd \
 && echo 'receiver:x:10001:' >> /rootfs/etc/group \
 && mkdir -p /rootfs/usr/share /data-template /tmp-template \
 && cp -a /usr/share/zoneinfo /rootfs/usr/share/zoneinfo \
 && chmod 0750 /data-template && chmod 1777 /tmp-template

# Everything of the image but the program: the final stage below adds the program built from these sources.
FROM runtime-base AS image-base
COPY --from=rootfs /rootfs/ /
COPY --from=rootfs /tmp-template /tmp
COPY --from=rootfs --chown=10001:10001 /data-template /data
ENV Storage__Root=/data \
    Ftp__ImplicitTlsPort=990 \
    DOTNET_gcServer=0 \
    DOTNET_GCHeapHardLimitPercent=50
# Keys, accounts and uploads. A new named volume takes /data's owner (receiver) from the image.
VOLUME /data
# sFTP, FTP (explicit FTPS), implicit FTPS, passive data range (set Ftp__PassiveAddress to the host's address)
EXPOSE 2222 2121 990 50000-50100
USER receiver
WORKDIR /opt/receiver
# --health asks the running service: every enabled listener must answer with its greeting on loopback.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["/opt/receiver/receiver", "--health"]
# SIGTERM: the receiver closes its listeners and stops within 5 s, inside docker stop's 10 s.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/receiver/receiver"]

# The same image around a program published already (deploy/docker/publish.sh): the build context is that
# publish folder, e.g. docker build -f Dockerfile --target prebuilt /tmp/aot/linux-x64 (tests/docker/run.sh
# does this with the NativeAOT build scripts/test.sh made). The classic builder runs every stage before the
# target, so this one stands before the build stage.
FROM image-base AS prebuilt
COPY . /opt/receiver/

FROM ${SDK_IMAGE} AS build
# Set by BuildKit (docker buildx --platform); the classic builder leaves it empty and builds for its own machine.
ARG TARGETARCH
# aot | trimmed | trimmed-r2r | self-contained (see deploy/docker/publish.sh and the README's Docker section).
# NativeAOT by default: a tenth of the start-up and --health CPU and about half the idle memory of the trimmed build.
ARG PUBLISH_MODE=aot
# NativeAOT links the program with clang and lld from the distribution; the other modes need no native toolchain.
RUN if [ "$PUBLISH_MODE" = aot ]; then \
      apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clang lld >/dev/null \
      && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /src
# Restore on the project files alone: the packages stay in a cached layer while only the sources change.
# (A new project under src/ needs its line here.)
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Directory.Build.props src/
COPY src/Receiver/Receiver.csproj src/Receiver/
COPY src/Receiver.Abstractions/Receiver.Abstractions.csproj src/Receiver.Abstractions/
COPY src/Receiver.Ftp/Receiver.Ftp.csproj src/Receiver.Ftp/
COPY src/Receiver.Ssh/Receiver.Ssh.csproj src/Receiver.Ssh/
COPY src/Receiver.Provisioning/Receiver.Provisioning.csproj src/Receiver.Provisioning/
COPY src/Receiver.Events/Receiver.Events.csproj src/Receiver.Events/
COPY deploy/docker/publish.sh deploy/docker/
RUN case "${TARGETARCH:-$(uname -m)}" in \
      amd64|x86_64) rid=linux-x64 ;; \
      arm64|aarch64) rid=linux-arm64 ;; \
      *) echo "unsupported architecture ${TARGETARCH:-$(uname -m)}" >&2; exit 1 ;; \
    esac \
 && echo "$rid" > /tmp/rid \
 && PUBLISH_MODE="$PUBLISH_MODE" sh deploy/docker/publish.sh --restore "$rid"
COPY . .
RUN PUBLISH_MODE="$PUBLISH_MODE" sh deploy/docker/publish.sh "$(cat /tmp/rid)" /out

FROM image-base
COPY --from=build /out/ /opt/receiver/
