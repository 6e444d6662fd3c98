# Runs the same jar as the tarball. Build after ./mvnw package:
#   docker build -t sfc .
#   docker run --init -v /etc/sfc:/etc/sfc sfc start --config /etc/sfc/sfc.yaml
# --init matters: services run under sfc's watchdog shim in their own process groups, and an init
# process reaps what they leave behind. The scheduler must be installed in the image (or the
# service command must reach it), since sfc starts it as a child process.
FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends bash procps \
 && rm -rf /var/lib/apt/lists/*
COPY sfc-app/target/sfc.jar /opt/sfc/lib/sfc.jar
COPY packaging/bin/sfc /opt/sfc/bin/sfc
ENTRYPOINT ["/opt/sfc/bin/sfc"]
CMD ["--help"]
