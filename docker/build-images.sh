#!/usr/bin/env bash
# Builds the four service images from docker/Dockerfile and prints their sizes.
#   docker/build-images.sh [tag]          # tag defaults to "dev": hookline/<service>:dev
# BASE_IMAGE overrides the base; when it is unset and node:22-bookworm-slim cannot be pulled (no registry),
# the local stand-in of docker/build-local-base.sh is built and used.
set -euo pipefail
cd "$(dirname "$0")/.."

TAG="${1:-dev}"
SERVICES=(subscription-service event-ingest-service audit-projection-service delivery-service)
DEFAULT_BASE=node:22-bookworm-slim
LOCAL_BASE="${LOCAL_BASE_IMAGE:-hookline-local/node:22-bookworm-slim}"

base="${BASE_IMAGE:-}"
if [ -z "$base" ]; then
  if docker image inspect "$DEFAULT_BASE" >/dev/null 2>&1 || docker pull -q "$DEFAULT_BASE" >/dev/null 2>&1; then
    base="$DEFAULT_BASE"
  else
    echo "$DEFAULT_BASE cannot be pulled here; using the local base $LOCAL_BASE"
    LOCAL_BASE_IMAGE="$LOCAL_BASE" docker/build-local-base.sh
    base="$LOCAL_BASE"
  fi
fi

# A TLS-inspecting proxy's CA, for npm ci in the build stages only (see docker/build-ca/README.md).
rm -f docker/build-ca/ca.pem
trap 'rm -f docker/build-ca/ca.pem' EXIT
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -s "$NODE_EXTRA_CA_CERTS" ]; then
  cp "$NODE_EXTRA_CA_CERTS" docker/build-ca/ca.pem
fi

for service in "${SERVICES[@]}"; do
  echo "building hookline/$service:$TAG on $base"
  docker build -q --network host --build-arg "BASE_IMAGE=$base" -f docker/Dockerfile \
    --target "$service" -t "hookline/$service:$TAG" . >/dev/null
done
for service in "${SERVICES[@]}"; do
  docker image inspect --format "hookline/$service:$TAG {{.Size}}" "hookline/$service:$TAG" |
    awk '{ printf "%-42s %6.1f MB\n", $1, $2 / 1000000 }'
done
