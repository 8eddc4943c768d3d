# Receiver: camera uploads over sFTP, FTPS and FTP.
# Base images are build arguments so the same file builds with the official images or local ones.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0

FROM ${SDK_IMAGE} AS build
ARG TARGETARCH=amd64
WORKDIR /src
COPY . .
RUN rid=$([ "$TARGETARCH" = "arm64" ] && echo linux-arm64 || echo linux-x64) \
 && sh deploy/docker/publish.sh "$rid" /app

FROM ${RUNTIME_IMAGE}
# tzdata: the per-day folders follow the receiver's local date (TZ).
RUN (command -v apt-get >/dev/null && apt-get update && apt-get install -y --no-install-recommends tzdata && rm -rf /var/lib/apt/lists/*) || true \
 && (getent passwd receiver >/dev/null || useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin receiver) \
 && mkdir -p /data && chown receiver /data
COPY --from=build /app /opt/receiver
ENV Storage__Root=/data \
    DOTNET_gcServer=0 \
    DOTNET_GCHeapHardLimitPercent=50
VOLUME /data
# sFTP, FTP (explicit FTPS), implicit FTPS, passive data range
EXPOSE 2222 2121 990 50000-50100
USER receiver
WORKDIR /opt/receiver
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 CMD ["/opt/receiver/receiver", "--health"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/receiver/receiver"]
