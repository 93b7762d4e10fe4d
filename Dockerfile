# Builds the application with the Maven wrapper, then runs it on a JRE as a non-root user.
# docker compose builds it; by hand: docker build -t wolkvox-camel .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY config/ config/
COPY src/ src/
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
# A fixed numeric uid/gid: Kubernetes' runAsNonRoot can only verify a number, and volumes can be owned by it.
# /data is the only place the application writes (besides /tmp), so only /data belongs to that user.
RUN groupadd --gid 10001 wolkvox \
 && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin wolkvox \
 && mkdir -p /data/out /data/state \
 && chown -R 10001:10001 /data
WORKDIR /app
# jar, libraries and routes stay owned by root: the application cannot change its own code
COPY --from=build /src/target/lib/ lib/
COPY --from=build /src/target/wolkvox-camel.jar wolkvox-camel.jar
# the YAML routes are read from /app/routes at run time, so they can be mounted and edited
COPY routes/ routes/
# everything the application writes goes under /data (dead letters too), so a read-only root file system works
ENV FILE_SINK_DIR=/data/out \
    STATE_DIR=/data/state \
    DLQ_DIR=/data
VOLUME /data
# management port: /observe/health and /observe/metrics. It listens on loopback unless MANAGEMENT_HOST says
# otherwise (docker-compose.yml and deploy/kubernetes set 0.0.0.0): a bare `docker run -p` exposes nothing by mistake.
EXPOSE 9876
USER 10001:10001
ENTRYPOINT ["java", "-jar", "wolkvox-camel.jar"]
