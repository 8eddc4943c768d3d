# A local stand-in for mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled (no registry on the test
# machines), made from Debian's packages: the same kind of content - the C and C++ runtime, OpenSSL, the CA
# bundle, the users root and app (1654), /tmp - and nothing else: no shell, no package manager, no tzdata.
ARG SOURCE_IMAGE=receiver-local/sdk:10.0
FROM ${SOURCE_IMAGE} AS debian
RUN set -eu; \
    ma=$(basename "$(ls -d /usr/lib/*-linux-gnu | head -n 1)"); \
    mkdir -p "/chisel/usr/lib/$ma" /chisel/etc/ssl/certs /chisel/tmp /chisel/home/app; \
    for lib in libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libgcc_s.so.1 libstdc++.so.6 \
               libssl.so.3 libcrypto.so.3 ld-linux-*.so.*; do \
      cp -L /usr/lib/$ma/$lib "/chisel/usr/lib/$ma/"; \
    done; \
    ln -s usr/lib /chisel/lib; \
    if [ -d /usr/lib64 ]; then cp -a /usr/lib64 /chisel/usr/lib64 && ln -s usr/lib64 /chisel/lib64; fi; \
    cp /etc/ssl/certs/ca-certificates.crt /chisel/etc/ssl/certs/; \
    printf 'root:x:0:0:root:/root:/noshell\napp:x:1654:1654::/home/app:/noshell\n' > /chisel/etc/passwd; \
    printf 'root:x:0:\napp:x:1654:\n' > /chisel/etc/group; \
    chmod 1777 /chisel/tmp; chown 1654:1654 /chisel/home/app

FROM scratch
COPY --from=debian /chisel/ /
ENV APP_UID=1654 \
    DOTNET_RUNNING_IN_CONTAINER=true
USER 1654
