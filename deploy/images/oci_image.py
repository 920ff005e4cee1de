#!/usr/bin/env python3
"""Reads and extends an image in an OCI layout directory (skopeo's oci:<dir>:<ref>) without a container engine.

  oci_image.py config   <layout> <ref> <field>              a field of the image's config (WorkingDir, User,
                                                            Entrypoint, Env...) on stdout, a list one item per line
  oci_image.py unpack   <layout> <ref> <rootfs>             its layers, in order, extracted into <rootfs>
  oci_image.py run      <rootfs> <workdir> <uid> <env file> -- <argv...>
                                                            argv as a container would run it: chroot into <rootfs>,
                                                            cd <workdir>, user <uid> (group 0), only the env file's
                                                            NAME=value lines as environment (needs root)
  oci_image.py add-file <layout> <ref> <file> <path in image> <label>=<value> [<option>...]
                                                            one more layer holding <file> at <path in image>
                                                            (root-owned, mode 0644, mtime 0), the label set and the
                                                            options inserted after the entrypoint's first word (java);
                                                            the layout's <ref> then names the new image
Used by deploy/images/startup-cache.sh and check-images.sh.
"""
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile


def _blob_path(layout, digest):
    algo, hexdigest = digest.split(":", 1)
    return os.path.join(layout, "blobs", algo, hexdigest)


def _read_json(layout, digest):
    with open(_blob_path(layout, digest), "rb") as f:
        return json.load(f)


def _write_blob(layout, data):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    path = _blob_path(layout, digest)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    return digest, len(data)


def _index_entry(layout, ref):
    with open(os.path.join(layout, "index.json")) as f:
        index = json.load(f)
    for entry in index["manifests"]:
        if (entry.get("annotations") or {}).get("org.opencontainers.image.ref.name") == ref:
            return index, entry
    sys.exit("oci_image.py: no image named %s in %s" % (ref, layout))


def config(layout, ref):
    _, entry = _index_entry(layout, ref)
    manifest = _read_json(layout, entry["digest"])
    return _read_json(layout, manifest["config"]["digest"])


def unpack(layout, ref, rootfs):
    _, entry = _index_entry(layout, ref)
    manifest = _read_json(layout, entry["digest"])
    os.makedirs(rootfs, exist_ok=True)
    for layer in manifest["layers"]:
        with tarfile.open(_blob_path(layout, layer["digest"])) as t:
            # as a container runtime does: modes (the sticky, world-writable /tmp), owners and links as the layer has
            # them (our own images; Python's "tar"/"data" filters would clear /tmp's write bits)
            if hasattr(tarfile, "fully_trusted_filter"):
                t.extractall(rootfs, filter="fully_trusted")
            else:
                t.extractall(rootfs)


def run(rootfs, workdir, uid, env_file, argv):
    env = {}
    with open(env_file) as f:
        for line in f:
            line = line.rstrip("\n")
            if "=" in line:
                name, value = line.split("=", 1)
                env[name] = value
    os.chroot(rootfs)
    os.chdir(workdir)
    os.setgroups([])
    os.setgid(0)
    os.setuid(int(uid))
    os.execvpe(argv[0], argv, env)


def add_file(layout, ref, file, path_in_image, label, options):
    index, entry = _index_entry(layout, ref)
    manifest = _read_json(layout, entry["digest"])
    image_config = _read_json(layout, manifest["config"]["digest"])

    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as t:
        parts = path_in_image.strip("/").split("/")
        for i in range(1, len(parts)):
            d = tarfile.TarInfo("/".join(parts[:i]))
            d.type, d.mode, d.mtime = tarfile.DIRTYPE, 0o755, 0
            t.addfile(d)
        info = tarfile.TarInfo("/".join(parts))
        info.size, info.mode, info.mtime, info.uid, info.gid = os.path.getsize(file), 0o644, 0, 0, 0
        with open(file, "rb") as f:
            t.addfile(info, f)
    tar = raw.getvalue()
    gz = io.BytesIO()
    with gzip.GzipFile(fileobj=gz, mode="wb", mtime=0, compresslevel=6) as g:
        g.write(tar)
    layer_digest, layer_size = _write_blob(layout, gz.getvalue())

    name, value = label.split("=", 1)
    c = image_config.setdefault("config", {})
    c.setdefault("Labels", {})[name] = value
    entrypoint = c.get("Entrypoint") or []
    if not entrypoint or not entrypoint[0].endswith("java"):
        sys.exit("oci_image.py: the entrypoint does not start with java: %s" % entrypoint)
    c["Entrypoint"] = entrypoint[:1] + list(options) + entrypoint[1:]
    image_config.setdefault("rootfs", {}).setdefault("diff_ids", []).append(
        "sha256:" + hashlib.sha256(tar).hexdigest())
    image_config.setdefault("history", []).append(
        {"created_by": "deploy/images/startup-cache.sh: %s, %s" % (path_in_image, " ".join(options))})
    config_digest, config_size = _write_blob(layout, json.dumps(image_config, sort_keys=True).encode())

    manifest["config"] = dict(manifest["config"], digest=config_digest, size=config_size)
    manifest["layers"].append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                               "digest": layer_digest, "size": layer_size})
    manifest_digest, manifest_size = _write_blob(layout, json.dumps(manifest, sort_keys=True).encode())
    entry.update(digest=manifest_digest, size=manifest_size)
    with open(os.path.join(layout, "index.json"), "w") as f:
        json.dump(index, f)


def main(args):
    if len(args) == 4 and args[0] == "config":
        value = config(args[1], args[2]).get("config", {}).get(args[3])
        for item in value if isinstance(value, list) else [] if value is None else [value]:
            print(item)
    elif len(args) == 4 and args[0] == "unpack":
        unpack(args[1], args[2], args[3])
    elif len(args) >= 7 and args[0] == "run" and args[5] == "--":
        run(args[1], args[2], args[3], args[4], args[6:])
    elif len(args) >= 6 and args[0] == "add-file":
        add_file(args[1], args[2], args[3], args[4], args[5], args[6:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
