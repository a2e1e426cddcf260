#!/usr/bin/env bash
# CI (.ci/run): a Docker engine for the containers tier, docker-compose for the compose check, and the
# local base image when node:22-bookworm-slim cannot be pulled. Idempotent; needs root for apt and dockerd.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 || missing+=(docker-compose)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (apt)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  log="${HOOKLINE_STATE_DIR:-${TMPDIR:-/tmp}}/dockerd.log"
  mkdir -p "$(dirname "$log")"
  echo "starting dockerd (log: $log)"
  nohup dockerd >"$log" 2>&1 &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || { echo "dockerd did not come up; see $log" >&2; tail -20 "$log" >&2; exit 1; }
fi

if ! docker image inspect node:22-bookworm-slim >/dev/null 2>&1 && ! docker pull -q node:22-bookworm-slim >/dev/null 2>&1; then
  docker/build-local-base.sh
fi
