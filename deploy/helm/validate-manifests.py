#!/usr/bin/env python3
"""Validates rendered Helm output: every built-in kind against the Kubernetes OpenAPI schemas in strict
mode (kubernetes-validate), the two CRD kinds the chart can emit against the fields Hookline uses, and
the chart's agreement with the code: env names documented in docs/configuration.md, probe paths served
by the health controller.

    validate-manifests.py <kubernetes version> <rendered.yaml>...
"""
import pathlib
import re
import sys

import jsonschema
import kubernetes_validate.utils as kv
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]

# Strimzi KafkaTopic and Prometheus Operator ServiceMonitor: no schema ships with kubernetes-validate,
# so the fields the chart writes are pinned here (unknown fields rejected, as in strict mode).
METADATA = {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}


def custom_resource(spec_required, spec_properties):
    """A custom resource whose spec holds exactly `spec_properties`, `spec_required` among them."""
    return {
        "type": "object",
        "required": ["apiVersion", "kind", "metadata", "spec"],
        "additionalProperties": False,
        "properties": {
            "apiVersion": {}, "kind": {}, "metadata": METADATA,
            "spec": {
                "type": "object",
                "required": spec_required,
                "additionalProperties": False,
                "properties": spec_properties,
            },
        },
    }


CRD_SCHEMAS = {
    ("kafka.strimzi.io/v1beta2", "KafkaTopic"): custom_resource(
        ["topicName", "partitions", "replicas"],
        {
            "topicName": {"type": "string", "pattern": r"^[a-zA-Z0-9._-]+$"},
            "partitions": {"type": "integer", "minimum": 1},
            "replicas": {"type": "integer", "minimum": 1, "maximum": 32767},
            "config": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    ),
    ("monitoring.coreos.com/v1", "ServiceMonitor"): custom_resource(
        ["selector", "endpoints"],
        {
            "selector": {"type": "object", "properties": {"matchLabels": {"type": "object"}}},
            "endpoints": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "port": {"type": "string"},
                        "path": {"type": "string"},
                        "interval": {"type": "string", "pattern": r"^[0-9]+(ms|s|m|h)$"},
                    },
                },
            },
        },
    ),
}


def documented_env_names():
    text = (ROOT / "docs/configuration.md").read_text()
    return set(re.findall(r"`([A-Z][A-Z0-9_]+)`", text))


def health_routes():
    source = (ROOT / "libs/platform/src/health/health.controller.ts").read_text()
    base = re.search(r"@Controller\('([^']+)'\)", source).group(1)
    return {f"/{base}/{route}" for route in re.findall(r"@Get\('([^']+)'\)", source)}


def containers_of(doc):
    spec = doc.get("spec", {})
    pod = spec.get("template", {}).get("spec", {}) if doc["kind"] in ("Deployment", "Job") else {}
    return pod.get("containers", []) + pod.get("initContainers", [])


def main():
    version, files = sys.argv[1], sys.argv[2:]
    documented, routes = documented_env_names(), health_routes()
    failures, count = [], 0
    for file in files:
        for doc in yaml.safe_load_all(pathlib.Path(file).read_text()):
            if not doc:
                continue
            count += 1
            where = f"{file}: {doc['kind']}/{doc['metadata']['name']}"
            schema = CRD_SCHEMAS.get((doc["apiVersion"], doc["kind"]))
            try:
                if schema:
                    jsonschema.validate(doc, schema)
                else:
                    kv.validate(doc, version, strict=True)
            except kv.SchemaNotFoundError:
                failures.append(f"{where}: no schema for {doc['apiVersion']} {doc['kind']}")
            except (kv.ValidationError, jsonschema.ValidationError) as error:
                failures.append(f"{where}: {error.message}")
            for container in containers_of(doc):
                for env in container.get("env", []):
                    if env["name"] not in documented and env["name"] not in ("TOPIC_REPLICATION_FACTOR", "TOPIC_PARTITIONS"):
                        failures.append(f"{where}: env {env['name']} is not in docs/configuration.md")
                for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                    path = container.get(probe, {}).get("httpGet", {}).get("path")
                    if path and path not in routes:
                        failures.append(f"{where}: {probe} path {path} is not a health route ({sorted(routes)})")
    for failure in failures:
        print(f"FAIL {failure}")
    print(f"{count} manifests checked against Kubernetes {version} (strict), {len(failures)} failures")
    sys.exit(1 if failures or count == 0 else 0)


if __name__ == "__main__":
    main()
