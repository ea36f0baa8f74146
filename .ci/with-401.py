"""Prints an OpenAPI document (YAML) in which every operation that needs credentials and
lists no 401 response gains one. Used by `.ci/schemathesis`: the generated router answers
401 to missing or refused credentials whether the operation documents it or not."""

import sys

import yaml

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def needs_credentials(requirements):
    return bool(requirements) and all(requirement for requirement in requirements)


def main(path):
    with open(path, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    default = spec.get("security", [])
    for item in (spec.get("paths") or {}).values():
        for method in METHODS:
            operation = item.get(method) if isinstance(item, dict) else None
            if not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            if "401" in responses or "default" in responses:
                continue
            if needs_credentials(operation.get("security", default)):
                responses["401"] = {"description": "Missing or refused credentials."}
    yaml.safe_dump(spec, sys.stdout, sort_keys=False, allow_unicode=True)


if __name__ == "__main__":
    main(sys.argv[1])
