"""Benchmark: how well goal matching tells "same" from "opposed" on labelled pairs.

Prints, for each labelled file in tests/data, precision and recall of "same", and for opposed
pairs the share called "opposed" and the share wrongly called "same". The evaluation set
(goal_pairs_eval.csv) is never tuned against; the dev file has only same/not-same labels.
Run: .venv/bin/python bench/matching.py [--errors]  (--errors lists each wrong pair)
"""

import csv
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from alignment.matching import explain_relation, relation  # noqa: E402

DATA = ROOT / "tests" / "data"
FILES = (
    "goal_pairs_eval.csv",
    "goal_pairs_dev.csv",
    "goal_pairs_tune.csv",
    "goal_pairs_tune2.csv",
)

# The targets the matching must reach on pairs nobody tuned against.
SAME_PRECISION, SAME_RECALL = 0.85, 0.75
OPPOSED_FOUND, OPPOSED_CALLED_SAME = 0.70, 1 / 12


class Figures(NamedTuple):
    pairs: int
    same_precision: float
    same_recall: float
    opposed: int  # labelled opposed pairs; 0 where the file has no such label
    opposed_found: float
    opposed_called_same: float
    others_called_opposed: float  # same or unrelated pairs wrongly called opposed
    errors: list[str]


def read_pairs(path: Path) -> list[dict[str, str]]:
    """Rows of a labelled file; a file without a relation column gets one from its match."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row.setdefault("relation", "same" if row["match"] == "1" else "not same")
    return rows


def measure(rows: list[dict[str, str]]) -> Figures:
    said_same = labelled_same = right_same = 0
    opposed = found = called_same = others = others_opposed = 0
    errors = []
    for row in rows:
        goals = tuple(
            row[k] for k in ("client_goal", "client_area", "therapist_goal", "therapist_area")
        )
        said = relation(*goals)
        label = row["relation"]
        said_same += said == "same"
        labelled_same += label == "same"
        right_same += said == label == "same"
        if label == "opposed":
            opposed += 1
            found += said == "opposed"
            called_same += said == "same"
        elif label in ("same", "none"):
            others += 1
            others_opposed += said == "opposed"
        if said != label and (said or label in ("same", "opposed")):
            errors.append(
                f"{label:>8} said {said or '-':<7} {goals[0]} | {goals[2]}"
                f"  [{explain_relation(*goals)}]"
            )
    return Figures(
        len(rows),
        right_same / said_same if said_same else 1.0,
        right_same / labelled_same if labelled_same else 1.0,
        opposed,
        found / opposed if opposed else 1.0,
        called_same / opposed if opposed else 0.0,
        others_opposed / others if others else 0.0,
        errors,
    )


def main() -> None:
    for name in FILES:
        figures = measure(read_pairs(DATA / name))
        line = (
            f"{name}: {figures.pairs} pairs; same precision {figures.same_precision:.2f} "
            f"recall {figures.same_recall:.2f}"
        )
        if figures.opposed:
            line += (
                f"; opposed {figures.opposed_found:.0%} called opposed, "
                f"{figures.opposed_called_same:.0%} called same ({figures.opposed} pairs); "
                f"other pairs called opposed {figures.others_called_opposed:.0%}"
            )
        print(line)
        if "--errors" in sys.argv:
            print("\n".join("    " + error for error in figures.errors))
    print(
        f"targets: same precision >= {SAME_PRECISION}, recall >= {SAME_RECALL}; opposed >= "
        f"{OPPOSED_FOUND:.0%} called opposed, <= {OPPOSED_CALLED_SAME:.0%} called same"
    )


if __name__ == "__main__":
    main()
