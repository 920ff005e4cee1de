#!/usr/bin/env bash
# The README's run command: the whole system on its embedded default.
# Builds what is missing, starts a real Kafka broker and PostgreSQL (deploy/local), the three services,
# waits until each is healthy, loads the Canada–Korea story through the public APIs, and prints where to
# look. Ctrl-C stops everything cleanly; data stays in $DATA_DIR, so a second run keeps it and loads nothing twice.
# LOCAL_STACK=external: Kafka and PostgreSQL are already running as processes of their own (see
# deploy/local/README.md, "Kafka and PostgreSQL as separate processes"); this script then starts only the services.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export DATA_DIR=${DATA_DIR:-$ROOT/.local-data}
export KAFKA_PORT=${KAFKA_PORT:-19092} KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-19093} PG_PORT=${PG_PORT:-15432}
START_TIMEOUT=${START_TIMEOUT:-60}
STORY=${STORY:-$ROOT/deploy/local/stories/canada-korea.json}
LOGS=$DATA_DIR/logs
SERVICES=(negotiation-service:${NEGOTIATION_PORT:-8081} investment-service:${INVESTMENT_PORT:-8082} projection-service:${PROJECTION_PORT:-8083})
# each service's management interface (health, metrics, OpenAPI, Swagger UI), in the order of SERVICES
MANAGEMENT_PORTS=(${NEGOTIATION_MANAGEMENT_PORT:-9081} ${INVESTMENT_MANAGEMENT_PORT:-9082} ${PROJECTION_MANAGEMENT_PORT:-9083})
PIDS=()

say() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { printf 'run: %s\n' "$*" >&2; exit 1; }

cleanup() {
  trap - INT TERM EXIT
  [ ${#PIDS[@]} -eq 0 ] && return
  say "stopping ..."
  # services first (newest first), then Kafka and PostgreSQL
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill -TERM "${PIDS[i]}" 2>/dev/null && wait "${PIDS[i]}" 2>/dev/null
  done
  say "stopped; data kept in $DATA_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_taken() { ( { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null ); }

http_status() { # port path -> HTTP status code, or nothing
  local reply
  reply=$( { exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3 && head -1 <&3; } 2>/dev/null)
  echo "$reply" | awk '{print $2}'
}

# --- a JDK, and free ports -------------------------------------------------------------------------------
command -v java >/dev/null 2>&1 || fail "no 'java' on PATH: install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk-headless)"
JAVA_MAJOR=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
[ "${JAVA_MAJOR%%.*}" -ge 17 ] 2>/dev/null || fail "java ${JAVA_MAJOR:-?} found; a JDK 17 or newer is needed"
EXTERNAL=0
[ "${LOCAL_STACK:-embedded}" = external ] && EXTERNAL=1
STACK_PORTS=("Kafka:$KAFKA_PORT:KAFKA_PORT" "Kafka controller:$KAFKA_CONTROLLER_PORT:KAFKA_CONTROLLER_PORT" "PostgreSQL:$PG_PORT:PG_PORT")
if [ "$EXTERNAL" = 1 ]; then
  for p in "Kafka:$KAFKA_PORT:KAFKA_PORT" "PostgreSQL:$PG_PORT:PG_PORT"; do
    IFS=: read -r what port var <<<"$p"
    port_taken "$port" || fail "LOCAL_STACK=external but nothing answers on port $port ($what): start it first (deploy/local/README.md) or set $var"
  done
  STACK_PORTS=()
fi
for p in "${STACK_PORTS[@]}" \
         "negotiation-service:${SERVICES[0]##*:}:NEGOTIATION_PORT" "investment-service:${SERVICES[1]##*:}:INVESTMENT_PORT" \
         "projection-service:${SERVICES[2]##*:}:PROJECTION_PORT" \
         "negotiation-service management:${MANAGEMENT_PORTS[0]}:NEGOTIATION_MANAGEMENT_PORT" \
         "investment-service management:${MANAGEMENT_PORTS[1]}:INVESTMENT_MANAGEMENT_PORT" \
         "projection-service management:${MANAGEMENT_PORTS[2]}:PROJECTION_MANAGEMENT_PORT"; do
  IFS=: read -r what port var <<<"$p"
  port_taken "$port" && fail "port $port ($what) is already in use: stop what uses it or choose another with $var=<port>"
done
mkdir -p "$LOGS"

# --- build what is missing ---------------------------------------------------------------------------------
missing=0
[ -f "$ROOT/deploy/local/target/local-stack.jar" ] || missing=1
for s in "${SERVICES[@]}"; do [ -f "$ROOT/${s%%:*}/target/quarkus-app/quarkus-run.jar" ] || missing=1; done
if [ "$missing" = 1 ] || [ "${REBUILD:-0}" = 1 ]; then
  say "building (the first time downloads dependencies: a few minutes) ... log: $LOGS/build.log"
  (cd "$ROOT" && ./mvnw -B install -DskipTests >"$LOGS/build.log" 2>&1) || fail "the build failed: see $LOGS/build.log"
fi
CP="$ROOT/deploy/local/target/local-stack.jar:$ROOT/deploy/local/target/lib/*"

# --- Kafka and PostgreSQL ------------------------------------------------------------------------------------
if [ "$EXTERNAL" = 1 ]; then
  say "using the Kafka (localhost:$KAFKA_PORT) and PostgreSQL (localhost:$PG_PORT) already running (LOCAL_STACK=external)"
else
  say "starting Kafka (localhost:$KAFKA_PORT) and PostgreSQL (localhost:$PG_PORT) ... log: $LOGS/local-stack.log"
  java ${LOCAL_STACK_JAVA_OPTS:-} -cp "$CP" io.tracker.local.LocalStackMain >"$LOGS/local-stack.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 $((START_TIMEOUT * 2))); do
    grep -q "local-stack: READY" "$LOGS/local-stack.log" && break
    kill -0 "${PIDS[0]}" 2>/dev/null || fail "$(grep -m1 'local-stack:' "$LOGS/local-stack.log" || echo "Kafka/PostgreSQL did not start: see $LOGS/local-stack.log")"
    sleep 0.5
  done
  grep -q "local-stack: READY" "$LOGS/local-stack.log" || fail "Kafka/PostgreSQL not ready after $START_TIMEOUT s: see $LOGS/local-stack.log"
fi

# --- tokens: a signing key made on first start, kept in $DATA_DIR/jwt -------------------------------------------
RECORDER_TOKEN=$(java -cp "$CP" io.tracker.local.jwt.TokenMain recorder local-story 12) || fail "could not make the local signing key in $DATA_DIR/jwt"
ANALYST_TOKEN=$(java -cp "$CP" io.tracker.local.jwt.TokenMain analyst local-analyst 12)
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:$DATA_DIR/jwt/public-key.pem

# --- Kafka logins: one user per service (ACLs as in deploy/k8s), passwords made by the broker on first start ----
KAFKA_USERS=$DATA_DIR/kafka/users.properties
kafka_security() { # service -> the env a service needs to log in to the broker as itself
  if [ "${KAFKA_AUTH:-on}" != off ] && [ -f "$KAFKA_USERS" ]; then
    local password
    password=$(grep "^$1=" "$KAFKA_USERS" | cut -d= -f2-)
    [ -n "$password" ] || fail "no Kafka user $1 in $KAFKA_USERS"
    printf '%s\n' KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT KAFKA_SASL_MECHANISM=PLAIN KAFKA_CREATE_TOPICS=false \
      "KAFKA_SASL_JAAS_CONFIG=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"$1\" password=\"$password\";"
  fi
}

# --- the services' JVM: one set of options (deploy/local/service-jvm.options), and the JDK's start-up cache -------
# The services run on SERVICE_JAVA if set; else on `java`, or on a JDK 25 or newer installed under /usr/lib/jvm
# when `java` is older (its AOT cache starts a service about twice as fast). STARTUP_CACHE=off starts without one.
if [ -z "${SERVICE_JAVA:-}" ]; then
  SERVICE_JAVA=$(command -v java)
  if [ "${JAVA_MAJOR%%.*}" -lt 25 ] 2>/dev/null; then
    for j in /usr/lib/jvm/*/bin/java; do
      v=$(awk -F'"' '/^JAVA_VERSION=/ {print $2}' "$(dirname "$(dirname "$j")")/release" 2>/dev/null)
      if [ "${v%%.*}" -ge 25 ] 2>/dev/null && [ -x "$j" ]; then SERVICE_JAVA=$j; break; fi
    done
  fi
fi
mapfile -t JVM_OPTIONS < <(java -cp "$CP" io.tracker.local.ServiceJvm options "$ROOT")
[ ${#JVM_OPTIONS[@]} -gt 0 ] || fail "no JVM options read from $ROOT/deploy/local/service-jvm.options"
say "services run on $("$SERVICE_JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.vm.version/ {print "JDK " $2}') ($SERVICE_JAVA)"

# --- the services --------------------------------------------------------------------------------------------
for i in "${!SERVICES[@]}"; do
  s=${SERVICES[i]} name=${SERVICES[i]%%:*} port=${SERVICES[i]##*:} management=${MANAGEMENT_PORTS[i]}
  jvm=("${JVM_OPTIONS[@]}")
  if [ "${STARTUP_CACHE:-on}" != off ]; then
    mapfile -t jvm < <(java -cp "$CP" io.tracker.local.ServiceJvm cache "$ROOT" "$name" "$SERVICE_JAVA" \
      "$ROOT/$name/target/quarkus-app" "$DATA_DIR/jvm-cache" 2>"$LOGS/$name.startup-cache")
    [ ${#jvm[@]} -gt 0 ] || fail "no JVM options for $name: $(cat "$LOGS/$name.startup-cache")"
    say "$name start-up: $(cat "$LOGS/$name.startup-cache")"
  fi
  say "starting $name on http://localhost:$port (management :$management) ... log: $LOGS/$name.log"
  security=()
  while IFS= read -r line; do [ -n "$line" ] && security+=("$line"); done < <(kafka_security "$name")
  env ${security[@]+"${security[@]}"} QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$management \
    OPENAPI_SERVER_URL=http://localhost:$port OPENAPI_UI_ORIGIN=http://localhost:$management LOG_JSON=${LOG_JSON:-false} DB_NAME=${name%-service} DB_PORT=$PG_PORT KAFKA_BOOTSTRAP_SERVERS=localhost:$KAFKA_PORT \
    MALLOC_ARENA_MAX=2 "$SERVICE_JAVA" "${jvm[@]}" ${SERVICE_JAVA_OPTS:-} \
    -jar "$ROOT/$name/target/quarkus-app/quarkus-run.jar" >"$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
done
for i in "${!SERVICES[@]}"; do
  name=${SERVICES[i]%%:*} management=${MANAGEMENT_PORTS[i]} pid_index=$((i + 1 - EXTERNAL))
  for _ in $(seq 1 $((START_TIMEOUT * 2))); do
    [ "$(http_status "$management" /q/health/ready)" = 200 ] && break
    kill -0 "${PIDS[pid_index]}" 2>/dev/null || fail "$name stopped while starting: $(grep -m1 -E 'ERROR|Exception' "$LOGS/$name.log" | cut -c1-200) (see $LOGS/$name.log)"
    sleep 0.5
  done
  [ "$(http_status "$management" /q/health/ready)" = 200 ] || fail "$name is not healthy after $START_TIMEOUT s (a busy machine: START_TIMEOUT=<seconds>): see $LOGS/$name.log"
  say "$name is up"
done

# --- the story -----------------------------------------------------------------------------------------------
say "loading the story $(basename "$STORY") through the public APIs ..."
TOKEN=$RECORDER_TOKEN NEGOTIATION_URL=http://localhost:${SERVICES[0]##*:} INVESTMENT_URL=http://localhost:${SERVICES[1]##*:} \
  java -cp "$CP" io.tracker.local.story.StoryLoader "$STORY" || fail "the story could not be loaded (see above)"

P=${SERVICES[2]##*:}
cat <<TXT

  The system is up. Data: $DATA_DIR  Logs: $LOGS

  Dashboard            http://localhost:$P/  (sign in with an analyst token: deploy/local/token.sh analyst)
  Swagger UI           http://localhost:${MANAGEMENT_PORTS[0]}/q/swagger-ui  (negotiations)
                       http://localhost:${MANAGEMENT_PORTS[1]}/q/swagger-ui  (investments)
                       http://localhost:${MANAGEMENT_PORTS[2]}/q/swagger-ui  (analyst queries)
  Health, metrics      http://localhost:${MANAGEMENT_PORTS[0]}/q/health  .../q/metrics  (ports ${MANAGEMENT_PORTS[*]})
  Event contracts      http://localhost:${SERVICES[0]##*:}/contract/asyncapi.yaml
                       http://localhost:${SERVICES[1]##*:}/contract/asyncapi.yaml
  Tokens (12 h)        deploy/local/token.sh analyst   |   deploy/local/token.sh recorder
  Try
    T=\$(deploy/local/token.sh analyst)
    curl -s -H "Authorization: Bearer \$T" localhost:${SERVICES[0]##*:}/negotiations/ca-kr-industrial-cooperation
    curl -s -H "Authorization: Bearer \$T" localhost:$P/agreements
    curl -s -H "Authorization: Bearer \$T" 'localhost:$P/agreements/ca-kr-industrial-cooperation?asOf=2025-12-01'

  Ctrl-C stops everything.
TXT
wait "${PIDS[0]}"
