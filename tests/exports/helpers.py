"""Checks every FHIR export in the tests goes through: R4B models, gol-1, references."""

from fhir.resources.R4B.bundle import Bundle

# R4 Goal.lifecycleStatus (required binding; the R4B models do not check the value set).
LIFECYCLE = {
    "proposed", "planned", "accepted", "active", "on-hold",
    "completed", "cancelled", "entered-in-error", "rejected",
}  # fmt: skip


def references(node):
    """Every `reference` string anywhere inside a resource."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for value in node:
            yield from references(value)


def checked_bundle(data):
    """Validate the Bundle with the R4B models and FHIR's rules that they leave out; return it."""
    Bundle.model_validate(data)
    assert data["type"] == "collection"
    full_urls = [entry["fullUrl"] for entry in data["entry"]]
    assert len(full_urls) == len(set(full_urls))
    for entry in data["entry"]:
        resource = entry["resource"]
        for reference in references(resource):
            assert reference in full_urls, f"{reference} does not resolve inside the bundle"
        if resource["resourceType"] == "Goal":
            assert resource["lifecycleStatus"] in LIFECYCLE
            for target in resource.get("target", []):
                detail = [k for k in target if k.startswith("detail")]
                assert not detail or target.get("measure"), "gol-1: a detail needs a measure"
    return data


def resources(data, kind):
    return [e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == kind]


def goals_by_title(data):
    return {g["description"]["text"]: g for g in resources(data, "Goal")}
