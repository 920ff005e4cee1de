#!/usr/bin/env bash
# End-to-end check of the release path on a machine without a container engine: starts a real OCI
# registry (Debian's docker-registry) on a free local port, builds the base image from Debian packages
# (base-image.sh), runs deploy/release.sh against that registry (Jib, no daemon) from a clean clone of
# HEAD (as root, with each image's start-up cache: startup-cache.sh), and checks each pushed image's config: user 185,
# ports 8080/tcp (API) and 9000/tcp (management), entrypoint running quarkus-run.jar with java (its first option the
# AppCDS archive of the JDK 17 base), OCI labels (version, revision, io.tracker.startup-cache), the immutable tag
# <version>-<commit>, that the image's java accepts its cache, and that release.sh refuses to push the same tag again.
#   deploy/images/check-images.sh            (exit 0: all checked; 3: a tool is missing)
# Run by deploy/k8s ImageReleaseTest where docker-registry and skopeo exist.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
for tool in docker-registry skopeo python3 git; do
  command -v "$tool" >/dev/null || { echo "check-images.sh: $tool not found (apt-get install docker-registry skopeo)" >&2; exit 3; }
done
dpkg -s openjdk-17-jre-headless >/dev/null 2>&1 || { echo "check-images.sh: openjdk-17-jre-headless (Debian package) not installed" >&2; exit 3; }

work=$(mktemp -d)
reg_pid=""
cleanup() { [ -n "$reg_pid" ] && kill "$reg_pid" 2>/dev/null; umount "$work/rootfs/proc" 2>/dev/null || true; mountpoint -q "$work/rootfs/proc" 2>/dev/null || rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/registry.yml" <<Y
version: 0.1
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
Y
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
reg_pid=$!
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$port/v2/" >/dev/null || { cat "$work/registry.log"; echo "registry did not start" >&2; exit 1; }
registry="127.0.0.1:$port"
echo "check-images.sh: registry $registry"

# the base: Debian's JRE 17, or the JDK of CHECK_IMAGES_BASE_JDK (e.g. /usr/lib/jvm/temurin-25-jdk-amd64: the AOT path)
base_jdk="${CHECK_IMAGES_BASE_JDK:-}"
if [ -n "$base_jdk" ]; then
  base_major=$(awk -F'"' '/^JAVA_VERSION=/ {split($2, v, "."); print v[1]}' "$base_jdk/release")
else
  base_major=17
fi
base_ref="$registry/base/jdk$base_major:$base_major"
BASE_JDK_HOME="$base_jdk" DEST_TLS_VERIFY=false "$repo/deploy/images/base-image.sh" "$base_ref"
if [ "$base_major" -ge 25 ]; then cache_kind="AOT cache (JDK $base_major" cache_option="-XX:AOTCache=/" strict=-XX:AOTMode=on
else cache_kind="AppCDS archive (JDK $base_major" cache_option="-XX:SharedArchiveFile=/" strict=-Xshare:on; fi

# a clean clone of HEAD: release.sh builds exactly a commit
git clone -q --no-hardlinks "$repo" "$work/src"
cd "$work/src"
commit=$(git rev-parse HEAD)
export TRACKER_BASE_IMAGE="$base_ref" TRACKER_REGISTRY_INSECURE=true
# the start-up cache's training starts run the image's java in a chroot, which needs root
as_root=0
if [ "$(id -u)" = 0 ] && command -v chroot >/dev/null && command -v mount >/dev/null; then
  as_root=1
else
  export TRACKER_STARTUP_CACHE=off
  echo "check-images.sh: not root: images released without a start-up cache (TRACKER_STARTUP_CACHE=off)"
fi
deploy/release.sh "$registry" > "$work/release.log" 2>&1 || { cat "$work/release.log"; exit 1; }
cat "$work/release.log"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
tag="$version-${commit:0:12}"

for svc in negotiation-service investment-service projection-service; do
  ref="docker://$registry/negotiation-tracker/$svc:$tag"
  skopeo inspect --tls-verify=false --config "$ref" > "$work/$svc.json"
  python3 - "$work/$svc.json" "$svc" "$version" "$commit" "$as_root" "$cache_kind" "$cache_option" <<'PY'
import json, sys
path, svc, version, commit, as_root, cache_kind, cache_option = sys.argv[1:]
c = json.load(open(path))["config"]
def check(ok, what):
    if not ok:
        sys.exit("%s: %s; config: %s" % (svc, what, json.dumps(c, indent=1)))
check(c.get("User") in ("185", "185:0"), "runs as user 185, not root")
check("8080/tcp" in (c.get("ExposedPorts") or {}), "exposes 8080/tcp")
check("9000/tcp" in (c.get("ExposedPorts") or {}), "exposes 9000/tcp (management)")
cmd = (c.get("Entrypoint") or []) + (c.get("Cmd") or [])
check(any(a.endswith("java") for a in cmd) and any("quarkus-run.jar" in a for a in cmd), "entrypoint java ... quarkus-run.jar: %s" % cmd)
check("-XX:+UseSerialGC" in cmd and any(a.startswith("-Xmx") for a in cmd),
      "entrypoint with the options of deploy/local/service-jvm.options: %s" % cmd)
check("MALLOC_ARENA_MAX=2" in (c.get("Env") or []), "MALLOC_ARENA_MAX=2 in the environment: %s" % c.get("Env"))
cache = (c.get("Labels") or {}).get("io.tracker.startup-cache", "")
if as_root == "1":
    check(cache.startswith(cache_kind) and cmd[1].startswith(cache_option),
          "the base JDK's start-up cache (%s): label io.tracker.startup-cache %r, first option %s" % (cache_kind, cache, cmd[1:2]))
labels = c.get("Labels") or {}
check(labels.get("org.opencontainers.image.version") == version, "label org.opencontainers.image.version=%s" % version)
check(labels.get("org.opencontainers.image.revision") == commit, "label org.opencontainers.image.revision=%s" % commit)
check(labels.get("org.opencontainers.image.title") == svc, "label org.opencontainers.image.title=%s" % svc)
print("%s: user %s, ports %s, entrypoint %s, labels ok, %s" % (svc, c["User"], sorted(c["ExposedPorts"]), " ".join(cmd), cache))
PY
done
# the image really runs with its start-up cache: its layers unpacked into a directory, java started there as the
# image's user with the entrypoint's options (chroot: no container engine needed), the JVM told to validate the
# cache against the application's class path and exit (-XX:+PrintSharedArchiveAndExit with -Xshare:on or
# -XX:AOTMode=on, which refuse a cache they cannot use). startup-cache.sh has started each service with it already.
if [ "$as_root" = 1 ]; then
  svc=projection-service
  skopeo copy -q --src-tls-verify=false "docker://$registry/negotiation-tracker/$svc:$tag" "oci:$work/image:$svc"
  python3 "$repo/deploy/images/oci_image.py" unpack "$work/image" "$svc" "$work/rootfs"
  workdir=$(python3 "$repo/deploy/images/oci_image.py" config "$work/image" "$svc" WorkingDir)
  [ -f "$work/rootfs$workdir/quarkus-run.jar" ] || { echo "$svc: no quarkus-run.jar in $workdir" >&2; exit 1; }
  mapfile -t entrypoint < <(python3 "$repo/deploy/images/oci_image.py" config "$work/image" "$svc" Entrypoint)
  python3 "$repo/deploy/images/oci_image.py" config "$work/image" "$svc" Env > "$work/env"
  # /proc as a container runtime mounts it (the JVM finds its libraries through /proc/self/exe)
  mkdir -p "$work/rootfs/proc"; mount -t proc proc "$work/rootfs/proc"
  python3 "$repo/deploy/images/oci_image.py" run "$work/rootfs" "$workdir" 185 "$work/env" -- \
    "${entrypoint[0]}" "$strict" -XX:+PrintSharedArchiveAndExit "${entrypoint[@]:1}" > "$work/java.txt" 2>&1 \
    || { tail -20 "$work/java.txt"; echo "$svc: java does not start with the image's start-up cache" >&2; exit 1; }
  umount "$work/rootfs/proc"
  echo "$svc: java starts in the image as user 185 with its start-up cache (${entrypoint[1]}): $(grep -m1 -i "classes\|archive" "$work/java.txt" | cut -c1-160)"
else
  echo "check-images.sh: not root: the image's java is not started (chroot needs root)"
fi

# immutable: the same tag is not pushed twice
if deploy/release.sh "$registry" > "$work/again.log" 2>&1; then
  echo "check-images.sh: release.sh pushed $tag a second time" >&2; exit 1
fi
grep -q "immutable" "$work/again.log" || { cat "$work/again.log"; exit 1; }
echo "check-images.sh: OK ($registry, tag $tag)"
