#!/usr/bin/env bash
# `docker compose config` (or the standalone docker-compose) must accept docker/compose.yml, and must
# refuse it while a required secret is missing. Part of `npm run test:deploy`.
set -euo pipefail
cd "$(dirname "$0")"
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null; then
  compose=(docker-compose)
elif [ "${CI:-}" = true ]; then
  echo "neither 'docker compose' nor docker-compose is installed (.ci/run installs docker-compose)" >&2
  exit 1
else
  echo "compose checks SKIPPED: neither 'docker compose' nor docker-compose is installed (CI installs it)"
  exit 0
fi
env -i PATH="$PATH" HOME="$HOME" ADMIN_TOKEN=adm_compose-check-0000 SECRETS_ENCRYPTION_KEYS=k1:check \
  "${compose[@]}" -p hookline -f compose.yml config -q
if output=$(env -i PATH="$PATH" HOME="$HOME" "${compose[@]}" -p hookline -f compose.yml config -q 2>&1); then
  echo "compose.yml was accepted without ADMIN_TOKEN" >&2
  exit 1
fi
grep -q ADMIN_TOKEN <<<"$output" || { echo "compose refused the file without naming ADMIN_TOKEN: $output" >&2; exit 1; }
echo "compose checks passed (${compose[*]})"
