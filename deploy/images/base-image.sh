#!/usr/bin/env bash
# Builds the services' base image (a Java 17 runtime, non-root user 185; or the JDK of BASE_JDK_HOME) WITHOUT a container engine,
# from the Debian packages installed on this machine, and pushes it with skopeo:
#   deploy/images/base-image.sh localhost:5000/negotiation-tracker/jre17:<tag>
# Use it where no registry with an OpenJDK base image can be reached (these build machines reach only
# Maven Central and Debian). Elsewhere, use a maintained base image instead (release.sh's
# TRACKER_BASE_IMAGE, e.g. registry.access.redhat.com/ubi9/openjdk-17-runtime or eclipse-temurin:17-jre).
# The image: the files of Debian's openjdk-17-jre-headless (and the shared libraries java loads), its
# CA certificates, /etc/passwd with user 185 (jboss, home /home/jboss), /tmp; java at /usr/bin/java.
# Needs: dpkg, ldd, python3, skopeo. Insecure (HTTP) push when DEST_TLS_VERIFY=false (a local registry).
set -euo pipefail
dest="${1:?usage: base-image.sh <registry>/<repository>:<tag>}"
jre_pkg=openjdk-17-jre-headless
# BASE_JDK_HOME=<a JDK's directory>: that JDK instead of the Debian package (e.g. Temurin 25, to check the images'
# JDK 25 path: its AOT cache); its directory is copied whole, less jmods, sources, headers and man pages
jdk_home="${BASE_JDK_HOME:-}"
if [ -z "$jdk_home" ]; then
  dpkg -s "$jre_pkg" >/dev/null 2>&1 || { echo "base-image.sh: Debian package $jre_pkg is not installed (apt-get install $jre_pkg)" >&2; exit 2; }
else
  [ -x "$jdk_home/bin/java" ] && [ -f "$jdk_home/release" ] || { echo "base-image.sh: no JDK in BASE_JDK_HOME=$jdk_home" >&2; exit 2; }
  jdk_home=$(cd "$jdk_home" && pwd -P)
fi
command -v skopeo >/dev/null || { echo "base-image.sh: skopeo not found (apt-get install skopeo)" >&2; exit 2; }

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
root="$work/rootfs"; mkdir -p "$root/usr/bin" "$root/usr/sbin" "$root/usr/lib" "$root/usr/lib64"
# Debian's merged /usr first (/bin -> usr/bin, /lib -> usr/lib, /lib64 -> usr/lib64 ...): the files
# copied below land behind these links as on the host
for l in bin lib lib64 sbin; do [ -L "/$l" ] && ln -sfn "$(readlink "/$l")" "$root/$l"; done
if [ -z "$jdk_home" ]; then
  # the package's files (directories are created as needed), then every shared library its binaries load
  dpkg -L "$jre_pkg" ca-certificates-java | while read -r f; do
    [ -f "$f" ] || [ -L "$f" ] || continue
    mkdir -p "$root$(dirname "$f")"; cp -a "$f" "$root$f"
  done
  jhome=$(dirname "$(dirname "$(readlink -f /usr/lib/jvm/java-17-openjdk-amd64/bin/java)")")
  mkdir -p "$root$jhome/lib/security"
  rm -f "$root$jhome/lib/security/cacerts"; cp -L /etc/ssl/certs/java/cacerts "$root$jhome/lib/security/cacerts"
  title="JRE 17" described="Debian $jre_pkg $(dpkg-query -W -f='${Version}' "$jre_pkg")"
else
  jhome=$jdk_home
  mkdir -p "$root$jhome"
  (cd "$jhome" && tar -cf - --exclude=./jmods --exclude=./src.zip --exclude=./include --exclude=./man --exclude=./demo .) \
    | tar -xf - -C "$root$jhome"
  v=$(awk -F'"' '/^JAVA_VERSION=/ {print $2}' "$jhome/release")
  title="JDK ${v%%.*}" described="$(awk -F'"' '/^IMPLEMENTOR=/ {print $2}' "$jhome/release") $v from $jhome"
fi
# every shared library the JDK's binaries load
for bin in "$jhome/bin/java" $(find "$jhome/lib" -name '*.so'); do ldd "$bin" 2>/dev/null | awk '/=>/ {print $3} /^[ \t]*\// {print $1}'; done \
  | sort -u | grep '^/' | while read -r lib; do
  for f in "$lib" "$(readlink -f "$lib")"; do mkdir -p "$root$(dirname "$f")"; cp -a "$f" "$root$f"; done
done
mkdir -p "$root/usr/bin" "$root/tmp" "$root/home/jboss" "$root/etc"
ln -sfn "$jhome/bin/java" "$root/usr/bin/java"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\njboss:x:185:0:jboss:/home/jboss:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\n' > "$root/etc/group"
chown -R 185:0 "$root/home/jboss"

python3 - "$work" "$jhome" "$title" "$described" <<'PY'
import gzip, hashlib, io, json, os, sys, tarfile
work, jhome, title, described = sys.argv[1:]
root = os.path.join(work, "rootfs")
raw = io.BytesIO()
with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as t:
    for d, dirs, files in os.walk(root):
        dirs.sort()
        for n in sorted(dirs) + sorted(files):
            p = os.path.join(d, n)
            ti = t.gettarinfo(p, os.path.relpath(p, root))
            ti.mtime = 0; ti.uname = ti.gname = ""
            if ti.isreg():
                with open(p, "rb") as f: t.addfile(ti, f)
            else:
                t.addfile(ti)
tar = raw.getvalue()
gz = io.BytesIO()
with gzip.GzipFile(fileobj=gz, mode="wb", mtime=0, compresslevel=1) as g: g.write(tar)
layer = gz.getvalue()
oci = os.path.join(work, "oci"); blobs = os.path.join(oci, "blobs", "sha256"); os.makedirs(blobs)
def blob(data):
    h = hashlib.sha256(data).hexdigest()
    open(os.path.join(blobs, h), "wb").write(data); return "sha256:" + h, len(data)
ldig, lsize = blob(layer)
config = {"architecture": "amd64", "os": "linux",
          "config": {"User": "185", "WorkingDir": "/home/jboss",
                     "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8",
                             "JAVA_HOME=" + jhome],
                     "Labels": {"org.opencontainers.image.title": "negotiation-tracker %s base" % title,
                                "org.opencontainers.image.description": "%s, user 185" % described}},
          "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(tar).hexdigest()]},
          "history": [{"created_by": "deploy/images/base-image.sh"}]}
cdig, csize = blob(json.dumps(config, sort_keys=True).encode())
manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cdig, "size": csize},
            "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": ldig, "size": lsize}]}
mdig, msize = blob(json.dumps(manifest, sort_keys=True).encode())
json.dump({"schemaVersion": 2, "manifests": [{"mediaType": manifest["mediaType"], "digest": mdig, "size": msize,
           "annotations": {"org.opencontainers.image.ref.name": "base"}}]}, open(os.path.join(oci, "index.json"), "w"))
json.dump({"imageLayoutVersion": "1.0.0"}, open(os.path.join(oci, "oci-layout"), "w"))
print("base image: layer %d MB" % (lsize // 1048576))
PY
skopeo copy --dest-tls-verify="${DEST_TLS_VERIFY:-true}" "oci:$work/oci:base" "docker://$dest"
echo "pushed $dest"
