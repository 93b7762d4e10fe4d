# Builds the application with the Maven wrapper, then runs it on a JRE.
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
WORKDIR /app
COPY --from=build /src/target/lib/ lib/
COPY --from=build /src/target/wolkvox-camel.jar wolkvox-camel.jar
# the YAML routes are read from /app/routes at run time, so they can be mounted and edited
COPY routes/ routes/
ENV FILE_SINK_DIR=/data/out \
    STATE_DIR=/data/state
VOLUME /data
ENTRYPOINT ["java", "-jar", "wolkvox-camel.jar"]
