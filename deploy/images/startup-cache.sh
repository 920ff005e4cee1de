#!/usr/bin/env bash
# Gives each service's image the start-up cache of its own JDK (issue 21; deploy/k8s/README.md, "Install"):
#   deploy/images/startup-cache.sh <registry>/<group> <tag> <service>...
# For each service, the image <service>:<tag>-nocache (as deploy/release.sh pushed it) is unpacked into a
# directory and started from there exactly as a container runs it (its JDK, files, working directory, user 185
# and entrypoint; chroot, no container engine) against a real Kafka and PostgreSQL (deploy/local's stack, started
# here on free ports), once recording the cache - JDK 25+: the AOT cache (-XX:AOTCacheOutput), JDK 17-24: a
# dynamic AppCDS archive (-XX:ArchiveClassesAtExit), written when the service stops - and once using it with
# the JVM told to refuse a cache it cannot use (-XX:AOTMode=on / -Xshare:on); a start without the cache in between
# gives the time it saves. The image is then pushed as <service>:<tag>: the same image plus one layer holding the cache, the JVM
# option that uses it first in the entrypoint, and the label io.tracker.startup-cache saying which cache it is.
# Needs root (chroot, mount), skopeo, python3 and deploy/local built (release.sh builds it).
# Environment: TRACKER_REGISTRY_INSECURE=true (plain HTTP registry), START_TIMEOUT (seconds, default 120).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
prefix="${1:?usage: startup-cache.sh <registry>/<group> <tag> <service>...}"
tag="${2:?usage: startup-cache.sh <registry>/<group> <tag> <service>...}"
shift 2
[ $# -gt 0 ] || { echo "startup-cache.sh: no services named" >&2; exit 2; }
fail() { echo "startup-cache.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "needs root (it starts each image's java in a chroot); or release without it: TRACKER_STARTUP_CACHE=off"
for tool in skopeo python3 chroot mount curl; do command -v "$tool" >/dev/null || fail "$tool not found"; done
cp_stack="$repo/deploy/local/target/local-stack.jar:$repo/deploy/local/target/lib/*"
[ -f "$repo/deploy/local/target/local-stack.jar" ] || fail "deploy/local is not built (./mvnw -B package -DskipTests -pl deploy/local -am)"
tls=true; [ "${TRACKER_REGISTRY_INSECURE:-false}" = true ] && tls=false
timeout_s=${START_TIMEOUT:-120}
oci() { python3 "$repo/deploy/images/oci_image.py" "$@"; }

work=$(mktemp -d)
stack_pid=""
mounted=()
cleanup() {
  local p
  set +e
  [ -n "$stack_pid" ] && kill -TERM "$stack_pid" 2>/dev/null && wait "$stack_pid" 2>/dev/null
  for p in "${mounted[@]+"${mounted[@]}"}"; do umount "$p" 2>/dev/null || umount -l "$p" 2>/dev/null || true; done
  for p in "${mounted[@]+"${mounted[@]}"}"; do mountpoint -q "$p" 2>/dev/null && { echo "startup-cache.sh: $p still mounted; $work kept" >&2; return; }; done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# --- a real Kafka and PostgreSQL for the training starts ----------------------------------------------------------
export DATA_DIR="$work/stack"
KAFKA_PORT=$(free_port) KAFKA_CONTROLLER_PORT=$(free_port) PG_PORT=$(free_port)
export KAFKA_PORT KAFKA_CONTROLLER_PORT PG_PORT
java -cp "$cp_stack" io.tracker.local.LocalStackMain > "$work/stack.log" 2>&1 &
stack_pid=$!
for _ in $(seq 1 $((timeout_s * 2))); do
  grep -q "local-stack: READY" "$work/stack.log" && break
  kill -0 "$stack_pid" 2>/dev/null || { cat "$work/stack.log"; fail "Kafka/PostgreSQL did not start"; }
  sleep 0.5
done
grep -q "local-stack: READY" "$work/stack.log" || fail "Kafka/PostgreSQL not ready after $timeout_s s ($work/stack.log)"
java -cp "$cp_stack" io.tracker.local.jwt.TokenMain analyst startup-cache 1 > /dev/null   # makes the signing key

ready_ms() { # management port, pid -> milliseconds until /q/health/ready answers 200 (the start's own clock)
  local start=$(date +%s%N)
  for _ in $(seq 1 $((timeout_s * 20))); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/q/health/ready")" = 200 ] && { echo $((($(date +%s%N) - start) / 1000000)); return 0; }
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

for svc in "$@"; do
  dir="$work/$svc" rootfs="$work/$svc/rootfs"
  mkdir -p "$dir"
  skopeo copy -q --src-tls-verify="$tls" "docker://$prefix/$svc:$tag-nocache" "oci:$dir/oci:$svc"
  oci unpack "$dir/oci" "$svc" "$rootfs"
  workdir=$(oci config "$dir/oci" "$svc" WorkingDir)
  user=$(oci config "$dir/oci" "$svc" User); user=${user%%:*}; user=${user:-0}
  mapfile -t entrypoint < <(oci config "$dir/oci" "$svc" Entrypoint)
  mkdir -p "$rootfs/proc" "$rootfs/dev" "$rootfs/tmp"
  mount -t proc proc "$rootfs/proc"; mounted+=("$rootfs/proc")
  mount --bind /dev "$rootfs/dev"; mounted+=("$rootfs/dev")
  cp "$DATA_DIR/jwt/public-key.pem" "$rootfs/tmp/jwt-public-key.pem"
  chmod 0644 "$rootfs/tmp/jwt-public-key.pem"

  # the service's environment: the image's, plus what deploy/k8s's ConfigMap and Secrets give it
  oci config "$dir/oci" "$svc" Env > "$dir/env"
  port=$(free_port) management=$(free_port)
  password=$(grep "^$svc=" "$DATA_DIR/kafka/users.properties" | cut -d= -f2-)
  [ -n "$password" ] || fail "no Kafka user $svc in $DATA_DIR/kafka/users.properties"
  cat >> "$dir/env" <<ENV
QUARKUS_HTTP_PORT=$port
QUARKUS_MANAGEMENT_PORT=$management
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT
KAFKA_SASL_MECHANISM=PLAIN
KAFKA_SASL_JAAS_CONFIG=org.apache.kafka.common.security.plain.PlainLoginModule required username="$svc" password="$password";
KAFKA_CREATE_TOPICS=false
DB_HOST=127.0.0.1
DB_PORT=$PG_PORT
DB_NAME=${svc%-service}
MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:/tmp/jwt-public-key.pem
LOG_JSON=false
ENV

  # which cache: the image's own JDK decides
  version=$(oci run "$rootfs" "$workdir" "$user" "$dir/env" -- "${entrypoint[0]}" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.vm.version/ {print $2}')
  major=${version%%[.+]*}
  [ -n "$major" ] || fail "$svc: the image's java does not start"
  if [ "$major" -ge 25 ]; then
    kind="AOT cache (JDK $version)" file="$workdir/app.aot"
    record=("-XX:AOTCacheOutput=/tmp/startup-cache") use=("-XX:AOTCache=$file") strict=("-XX:AOTMode=on")
  else
    kind="AppCDS archive (JDK $version)" file="$workdir/app-cds.jsa"
    record=("-XX:ArchiveClassesAtExit=/tmp/startup-cache") use=("-XX:SharedArchiveFile=$file") strict=("-Xshare:on")
  fi

  start() { # name, JVM options inserted after java -> the start's ready time in ms; the service stopped after
    local log="$dir/$1.log" pid ms
    shift
    local args=("${entrypoint[0]}" "$@" "${entrypoint[@]:1}")
    # python3 execs java: $! is the service's JVM
    python3 "$repo/deploy/images/oci_image.py" run "$rootfs" "$workdir" "$user" "$dir/env" -- "${args[@]}" > "$log" 2>&1 &
    pid=$!
    ms=$(ready_ms "$management" "$pid") || { kill -KILL "$pid" 2>/dev/null; tail -30 "$log" >&2; fail "$svc did not get ready ($log)"; }
    kill -TERM "$pid"
    wait "$pid" || true
    echo "$ms"
  }
  # the recording start (a cache cannot be assembled within the metaspace cap: ServiceJvm leaves it out too)
  without=()
  for o in "${entrypoint[@]:1}"; do [[ $o == -XX:MaxMetaspaceSize=* ]] || without+=("$o"); done
  (entrypoint=("${entrypoint[0]}" "${without[@]}"); start record "${record[@]}" > /dev/null)
  [ -s "$rootfs/tmp/startup-cache" ] || { tail -30 "$dir/record.log" >&2; fail "$svc: no cache written ($dir/record.log)"; }
  install -m 0644 -o 0 -g 0 "$rootfs/tmp/startup-cache" "$rootfs$file"
  rm -f "$rootfs/tmp/startup-cache"
  # then the image as it was (its schema now migrated, as in a cluster) and the image with its cache, strict
  plain_ms=$(start plain)
  cached_ms=$(start use "${use[@]}" "${strict[@]}")

  umount "$rootfs/proc" "$rootfs/dev"
  mounted=()
  oci add-file "$dir/oci" "$svc" "$rootfs$file" "$file" "io.tracker.startup-cache=$kind, recorded by a training start" "${use[@]}"
  skopeo copy -q --dest-tls-verify="$tls" "oci:$dir/oci:$svc" "docker://$prefix/$svc:$tag"
  echo "$svc: $kind at $file ($(($(stat -c %s "$rootfs$file") / 1048576)) MB); ready after $plain_ms ms without it, $cached_ms ms with it; pushed $prefix/$svc:$tag"
  rm -rf "$dir"
done
