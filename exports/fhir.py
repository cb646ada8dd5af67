"""A client's goals as a FHIR R4 Bundle: pure, plain data in, a JSON-ready dict out.

`exports.fhir_source` reads the database and decides what may be exported (never a draft the
other side has not seen); this module only says how SamePage's records read in FHIR. Every
reference is a `urn:uuid:` that resolves to an entry of the same Bundle.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

# Stable identifiers: the same goal gets the same urn:uuid in every export.
NAMESPACE = uuid.UUID("6f1b2c8e-5a3d-4e0f-9b7a-2d4c6e8f0a1b")
PRIORITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/goal-priority"
ACHIEVEMENT_SYSTEM = "http://terminology.hl7.org/CodeSystem/goal-achievement"

LIFE_AREAS = {
    "work_study": "Work & study",
    "relationships": "Relationships & family",
    "mood": "Mood & emotions",
    "stress_anxiety": "Stress & anxiety",
    "self_worth": "Self-worth & self-criticism",
    "health": "Health, body & sleep",
    "habits": "Habits & substances",
    "direction": "Direction, meaning & ambition",
    "other": "Something else",
}
MEASURES = {"success-criteria": "What success would look like, in the person's own words"}
LABEL_KINDS = {
    "unrealistic": "unrealistic",
    "too_hard": "too hard on yourself",
    "not_wanted": "not what I want from therapy",
    "other": "other",
}


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    email: str


@dataclass(frozen=True)
class LabelNote:
    author_id: int
    kind: str
    reason: str
    at: datetime
    withdrawn_at: datetime | None = None


@dataclass(frozen=True)
class Ratings:
    """The latest 0-10 ratings of one agreed goal (Goal-Based Outcomes), and the ones before."""

    latest: tuple  # the ratings of the latest check-in, one per side that rated
    previous: tuple = ()


@dataclass(frozen=True)
class GoalRecord:
    id: int
    round_id: int
    author_id: int  # the client or the therapist who wrote it
    title: str
    success: str
    area: str
    importance: int
    lifecycle: str  # proposed | active | completed | cancelled | rejected | entered-in-error
    start: datetime
    status_date: datetime | None = None
    agreed_wording: str = ""
    labels: tuple = ()
    ratings: Ratings | None = None


@dataclass(frozen=True)
class ExportData:
    patient: Person
    practitioners: tuple  # every therapist of the exported rounds
    goals: tuple
    generated_at: datetime
    base_url: str


def urn(kind, pk):
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}/{pk}')}"


def code_system_url(base_url, name):
    return f"{base_url}/fhir/CodeSystem/{name}"


def priority_code(importance):
    """Importance 4-5 is high, 3 medium, 1-2 low."""
    if importance >= 4:
        return "high-priority"
    return "medium-priority" if importance == 3 else "low-priority"


def achievement_code(ratings):
    """From the mean of both sides' latest 0-10 ratings, and the change since the ones before."""
    if ratings is None or not ratings.latest:
        return None
    latest = sum(ratings.latest) / len(ratings.latest)
    if latest >= 9:
        return "achieved"
    if not ratings.previous:
        return "in-progress"
    change = latest - sum(ratings.previous) / len(ratings.previous)
    if change >= 1:
        return "improving"
    return "worsening" if change <= -1 else "no-change"


def _instant(moment):
    return moment.isoformat(timespec="seconds")


def _person(resource_type, person):
    return {
        "resourceType": resource_type,
        "id": uuid.uuid5(NAMESPACE, f"{resource_type}/{person.id}").hex,
        "name": [{"text": person.name}],
        "telecom": [{"system": "email", "value": person.email}],
    }


def _code_system(base_url, name, title, concepts):
    return {
        "resourceType": "CodeSystem",
        "url": code_system_url(base_url, name),
        "name": title.replace(" ", ""),
        "title": title,
        "status": "active",
        "content": "complete",
        "concept": [{"code": code, "display": text} for code, text in concepts.items()],
    }


def _note(label, author_ref):
    text = f"Labelled overboard ({LABEL_KINDS.get(label.kind, label.kind)}): {label.reason}"
    if label.withdrawn_at:
        text += f" [withdrawn {_instant(label.withdrawn_at)}]"
    return {"authorReference": {"reference": author_ref}, "time": _instant(label.at), "text": text}


def goal_resource(goal, data, refs):
    """One FHIR Goal; `refs` maps a person's id to the reference of their Patient/Practitioner."""
    resource = {
        "resourceType": "Goal",
        "identifier": [{"system": f"{data.base_url}/fhir/goal", "value": str(goal.id)}],
        "lifecycleStatus": goal.lifecycle,
        "category": [
            {
                "coding": [
                    {
                        "system": code_system_url(data.base_url, "life-area"),
                        "code": goal.area,
                        "display": LIFE_AREAS.get(goal.area, goal.area),
                    }
                ]
            }
        ],
        "priority": {
            "coding": [{"system": PRIORITY_SYSTEM, "code": priority_code(goal.importance)}],
            "text": f"importance {goal.importance} of 5",
        },
        "description": {"text": goal.title},
        "subject": {"reference": refs[data.patient.id]},
        "startDate": goal.start.date().isoformat(),
        "expressedBy": {"reference": refs[goal.author_id]},
    }
    if goal.status_date:
        resource["statusDate"] = goal.status_date.date().isoformat()
    achievement = achievement_code(goal.ratings)
    if achievement:
        resource["achievementStatus"] = {
            "coding": [{"system": ACHIEVEMENT_SYSTEM, "code": achievement}]
        }
    if goal.success:
        # gol-1: a target with a detail must say what it measures.
        measure = {"system": code_system_url(data.base_url, "measure"), "code": "success-criteria"}
        resource["target"] = [
            {
                "measure": {"coding": [measure], "text": MEASURES["success-criteria"]},
                "detailString": goal.success,
            }
        ]
    notes = [_note(label, refs[label.author_id]) for label in goal.labels]
    if goal.agreed_wording:
        notes.append({"text": f"Agreed wording: {goal.agreed_wording}"})
    if notes:
        resource["note"] = notes
    return resource


def bundle(data):
    """The Bundle (type collection): Patient, Practitioners, SamePage's CodeSystems, Goals."""
    people = [("Patient", data.patient)] + [("Practitioner", p) for p in data.practitioners]
    refs = {person.id: urn(kind, person.id) for kind, person in people}
    entries = [{"fullUrl": refs[p.id], "resource": _person(kind, p)} for kind, p in people]
    for name, title, concepts in (
        ("life-area", "SamePage life area", LIFE_AREAS),
        ("measure", "SamePage goal measure", MEASURES),
    ):
        entries.append(
            {
                "fullUrl": urn("CodeSystem", name),
                "resource": _code_system(data.base_url, name, title, concepts),
            }
        )
    for goal in data.goals:
        entries.append(
            {"fullUrl": urn("Goal", goal.id), "resource": goal_resource(goal, data, refs)}
        )
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": _instant(data.generated_at),
        "entry": entries,
    }
