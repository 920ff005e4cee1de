#!/usr/bin/env bash
# One command for a release: builds the three services' container images with Jib (no Docker daemon)
# and pushes them as <registry>/<group>/<service>:<version>-<commit>, then prints the lines that point
# the prod overlay at them.
#
#   deploy/release.sh registry.example:5000            # group negotiation-tracker
#   TRACKER_IMAGE_GROUP=team/tracker deploy/release.sh registry.example
#
# Tags are immutable: <version>-<first 12 hex digits of the commit>; the work tree must be clean (the
# image is exactly that commit) and an existing tag is never overwritten (checked with skopeo when it is
# installed; configure your registry to refuse tag overwrites as well).
# Environment:
#   TRACKER_BASE_IMAGE   the Java runtime (17 or newer) to build on (default below; Jib pulls it from its registry);
#                        deploy/images/base-image.sh makes one from Debian packages where no registry
#                        with a JRE image is reachable
#   TRACKER_IMAGE_GROUP  repository path under the registry (default negotiation-tracker)
#   TRACKER_REGISTRY_INSECURE=true   plain HTTP registry (a local test registry only)
#   TRACKER_SET_OVERLAY=true         also write registry and tag into deploy/k8s/overlays/prod
#   TRACKER_STARTUP_CACHE=off        push the images without their JVM's start-up cache (see below)
# Start-up cache (issue 21): Jib pushes each image as <tag>-nocache; deploy/images/startup-cache.sh then records the
# start-up cache of the image's own JDK (JDK 25+: AOT cache, 17-24: AppCDS) by starting the image's files as a
# container would (chroot, as root) against a real Kafka and PostgreSQL, and pushes <tag>: that image plus the
# cache and the option that uses it (label io.tracker.startup-cache says which). <tag> is the one to deploy.
set -euo pipefail
cd "$(dirname "$0")/.."
registry="${1:?usage: deploy/release.sh <registry host[:port]>}"
group="${TRACKER_IMAGE_GROUP:-negotiation-tracker}"
base="${TRACKER_BASE_IMAGE:-registry.access.redhat.com/ubi9/openjdk-17-runtime:1.21}"
insecure="${TRACKER_REGISTRY_INSECURE:-false}"
startup_cache="${TRACKER_STARTUP_CACHE:-on}"
services=(negotiation-service investment-service projection-service)

if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "release.sh: the work tree has uncommitted changes; an image tag names one commit: commit first" >&2
  exit 1
fi
commit=$(git rev-parse --short=12 HEAD)
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
[ -n "$version" ] || { echo "release.sh: no project version in pom.xml" >&2; exit 1; }
tag="$version-$commit"
jib_tag="$tag"
[ "$startup_cache" = off ] || jib_tag="$tag-nocache"
if [ "$startup_cache" != off ] && [ "$(id -u)" != 0 ]; then
  echo "release.sh: recording the images' start-up cache needs root (chroot); run as root or TRACKER_STARTUP_CACHE=off" >&2
  exit 1
fi

if command -v skopeo >/dev/null; then
  for svc in "${services[@]}"; do
    for t in "$tag" "$jib_tag"; do
      if skopeo inspect --tls-verify="$([ "$insecure" = true ] && echo false || echo true)" \
          "docker://$registry/$group/$svc:$t" >/dev/null 2>&1; then
        echo "release.sh: $registry/$group/$svc:$t exists already; tags are immutable" >&2
        exit 1
      fi
    done
  done
fi

# the JVM options every service runs with (deploy/local/service-jvm.options), baked into the image's entrypoint
jvm_args=$(grep -v '^[[:space:]]*#' deploy/local/service-jvm.options | sed 's/#.*//; s/[[:space:]]*$//' | grep -v '^$' | paste -sd, -)
[ -n "$jvm_args" ] || { echo "release.sh: no JVM options in deploy/local/service-jvm.options" >&2; exit 1; }

echo "release.sh: building $group/{${services[*]}}:$jib_tag on $base, pushing to $registry"
# deploy/local too: its Kafka and PostgreSQL serve the start-up cache's training starts
./mvnw -B -q package -DskipTests -pl "$(IFS=,; echo "${services[*]}"),deploy/local" -am \
  -Dquarkus.container-image.build=true \
  -Dquarkus.jib.jvm-arguments="-Djava.util.logging.manager=org.jboss.logmanager.LogManager,$jvm_args" \
  -Dquarkus.jib.environment-variables.MALLOC_ARENA_MAX=2 \
  -Dquarkus.container-image.push=true \
  -Dquarkus.container-image.registry="$registry" \
  -Dquarkus.container-image.group="$group" \
  -Dquarkus.container-image.tag="$jib_tag" \
  -Dquarkus.container-image.additional-tags= \
  -Dquarkus.container-image.insecure="$insecure" \
  -Dquarkus.jib.base-jvm-image="$base" \
  -Dquarkus.jib.user=185 \
  -Dquarkus.jib.ports=8080,9000 \
  -Dquarkus.container-image.labels.\"org.opencontainers.image.version\"="$version" \
  -Dquarkus.container-image.labels.\"org.opencontainers.image.revision\"="$(git rev-parse HEAD)" \
  -Dquarkus.container-image.labels.\"org.opencontainers.image.source\"=negotiation-tracker \
  -Dquarkus.container-image.labels.\"org.opencontainers.image.title\"='${quarkus.application.name}' \
  -Dquarkus.container-image.labels.\"org.opencontainers.image.description\"='negotiation tracker: ${quarkus.application.name}' \
  -Dquarkus.container-image.labels.\"org.opencontainers.image.base.name\"="$base"

if [ "$startup_cache" = off ]; then
  echo "release.sh: TRACKER_STARTUP_CACHE=off: the images have no start-up cache"
else
  deploy/images/startup-cache.sh "$registry/$group" "$tag" "${services[@]}"
fi
for svc in "${services[@]}"; do
  echo "pushed $registry/$group/$svc:$tag"
done
if [ "${TRACKER_SET_OVERLAY:-false}" = true ]; then
  kust=deploy/k8s/overlays/prod/kustomization.yaml
  for svc in "${services[@]}"; do
    python3 - "$kust" "$svc" "$registry/$group/$svc" "$tag" <<'PY'
import re, sys
path, svc, name, tag = sys.argv[1:]
s = open(path).read()
pat = re.compile(r"(  - name: negotiation-tracker/%s\n)(    newName: .*\n)?(    newTag: .*\n)" % re.escape(svc))
if not pat.search(s):
    sys.exit("no images: entry for negotiation-tracker/%s in %s" % (svc, path))
s = pat.sub(lambda m: m.group(1) + "    newName: %s\n    newTag: \"%s\"\n" % (name, tag), s)
open(path, "w").write(s)
PY
  done
  echo "release.sh: $kust now points at $registry/$group/*:$tag (commit it)"
else
  echo "point the prod overlay at them: TRACKER_SET_OVERLAY=true, or in deploy/k8s/overlays/prod/kustomization.yaml:"
  for svc in "${services[@]}"; do
    printf '  - name: negotiation-tracker/%s\n    newName: %s\n    newTag: "%s"\n' "$svc" "$registry/$group/$svc" "$tag"
  done
fi
