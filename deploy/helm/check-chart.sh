#!/usr/bin/env bash
# Chart checks (CI runs them through `npm run test:chart`): helm lint, helm template with the default values
# and with every file in ci/, each rendering validated (validate-manifests.py), and renderings that must fail.
# Installs helm (go install, ~3 min on a cold Go cache) and kubernetes-validate (pip) when absent.
set -euo pipefail
cd "$(dirname "$0")"
HELM_VERSION=v3.22.0
KUBE_VERSION="${KUBE_VERSION:-1.31.0}"
CHART=hookline
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

export PATH="$PATH:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
if ! command -v helm >/dev/null; then
  if ! command -v go >/dev/null; then
    # CI must check the chart; elsewhere a machine without helm or Go skips it and says so.
    [ "${CI:-}" = true ] && { echo "helm is not installed and there is no Go toolchain to build it" >&2; exit 1; }
    echo "chart checks SKIPPED: helm is not installed and there is no Go toolchain to build it"
    exit 0
  fi
  echo "installing helm $HELM_VERSION (go install) ..."
  go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
fi
if ! python3 -c 'import kubernetes_validate' 2>/dev/null; then
  echo "installing kubernetes-validate (pip) ..."
  python3 -m pip install --quiet kubernetes-validate
fi

# The chart's topic list is the one tools/infra and the images use.
cmp -s "$CHART/files/topics.json" ../../tools/infra/topics.json ||
  { echo "deploy/helm/$CHART/files/topics.json differs from tools/infra/topics.json; copy it over" >&2; exit 1; }

helm lint --strict "$CHART" --kube-version "$KUBE_VERSION" >/dev/null
renders=("$out/default.yaml")
helm template hookline "$CHART" --kube-version "$KUBE_VERSION" >"$out/default.yaml"
for values in ci/*.values.yaml; do
  helm lint --strict "$CHART" --kube-version "$KUBE_VERSION" -f "$values" >/dev/null
  rendered="$out/$(basename "$values" .values.yaml).yaml"
  helm template hookline "$CHART" --kube-version "$KUBE_VERSION" -f "$values" >"$rendered"
  renders+=("$rendered")
done
python3 validate-manifests.py "$KUBE_VERSION" "${renders[@]}"

# Settings the chart must refuse, with the message that names them.
must_fail() {
  local expected="$1"
  shift
  if output=$(helm template hookline "$CHART" --kube-version "$KUBE_VERSION" "$@" 2>&1); then
    echo "expected rendering with $* to fail" >&2
    exit 1
  fi
  grep -q "$expected" <<<"$output" || { echo "rendering with $* failed without naming $expected: $output" >&2; exit 1; }
}
must_fail terminationGracePeriodSeconds --set services.delivery.terminationGracePeriodSeconds=60
must_fail topics.strimziCluster --set topics.mode=strimzi --set topics.strimziCluster=
must_fail secrets.databaseUrl --set secrets.databaseUrl=
echo "chart checks passed: lint, ${#renders[@]} renderings validated, 3 refusals"
