"""`/api/docs`: the OpenAPI description as a plain page, readable offline and without script.

FastAPI's Swagger UI loads its script from a CDN, which air-gapped police networks cannot
reach; this page is rendered from the same OpenAPI document, served at `/api/openapi.json`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from kadiyan.access.roles import Permission as P
from kadiyan.api.deps import needs
from kadiyan.web.rendering import render

router = APIRouter(include_in_schema=False)
METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Parameter:
    """One parameter of an operation."""

    name: str
    where: str
    required: bool
    type: str
    description: str


@dataclass(frozen=True)
class Operation:
    """One method on one path."""

    method: str
    path: str
    summary: str
    description: str
    parameters: list[Parameter]
    responses: list[tuple[str, str, str]]  # status, description, schema


@dataclass(frozen=True)
class Model:
    """A response model and its fields (name, type, required)."""

    name: str
    description: str
    fields: list[tuple[str, str, bool]]


@router.get("/api/docs", response_class=HTMLResponse, dependencies=[needs(P.SIGNED_IN)])
async def api_docs(request: Request) -> HTMLResponse:
    """The API reference, from the app's OpenAPI document."""
    spec = request.app.openapi()
    return render(
        request, "api_docs.html", spec=spec, operations=operations(spec), models=models(spec)
    )


def operations(spec: dict[str, Any]) -> list[Operation]:
    """Every operation of an OpenAPI document, in path order."""
    found = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                found.append(_operation(method, path, item[method]))
    return found


def models(spec: dict[str, Any]) -> list[Model]:
    """The named schemas of an OpenAPI document."""
    schemas = spec.get("components", {}).get("schemas", {})
    return [
        Model(
            name, schema.get("description", ""),
            [(field, type_of(sub), field in schema.get("required", []))
             for field, sub in schema.get("properties", {}).items()],
        )
        for name, schema in sorted(schemas.items())
    ]


def type_of(schema: dict[str, Any]) -> str:
    """A short type for a JSON schema: `string`, `list[NodeOut]`, `integer (1–3)`."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(type_of(s) for s in schema["anyOf"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list[{type_of(schema.get('items', {}))}]"
    if kind == "object" and "additionalProperties" in schema:
        extra = schema["additionalProperties"]
        return f"map[{type_of(extra) if isinstance(extra, dict) else 'any'}]"
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None or high is not None:
        return f"{kind} ({'' if low is None else low}–{'' if high is None else high})"
    if "maxLength" in schema:
        return f"{kind} (≤ {schema['maxLength']} characters)"
    return str(kind)


def _operation(method: str, path: str, op: dict[str, Any]) -> Operation:
    parameters = [
        Parameter(
            p["name"], p.get("in", ""), bool(p.get("required")), type_of(p.get("schema", {})),
            p.get("description") or p.get("schema", {}).get("description", ""),
        )
        for p in op.get("parameters", [])
    ]
    responses = [
        (status, body.get("description", ""), _response_schema(body))
        for status, body in op.get("responses", {}).items()
    ]
    return Operation(
        method.upper(), path, op.get("summary", ""), op.get("description", ""), parameters,
        responses,
    )


def _response_schema(body: dict[str, Any]) -> str:
    schema = body.get("content", {}).get("application/json", {}).get("schema")
    return type_of(schema) if schema else ""
