"""A client's data as a ZIP: one JSON file with everything, CSV files to read in a spreadsheet,
and a README.txt that explains them."""

import csv
import io
import json
import zipfile

from django.utils.translation import gettext as _

from alignment.reports.round import neutralise

# file name -> (where in the data, columns)
CSV_FILES = {
    "goals.csv": (
        "goals",
        ("round", "round_title", "written_by", "draft", "title", "what_success_would_look_like",
         "life_area", "importance", "created"),
    ),
    "labels.csv": (
        "labels",
        ("round", "round_title", "goal", "by", "by_side", "kind", "reason", "placed", "withdrawn"),
    ),
    "links.csv": (
        "links",
        ("round", "round_title", "client_goal", "therapist_goal", "by", "linked", "removed_by",
         "removed"),
    ),
    "comments.csv": (
        "comments",
        ("round", "round_title", "goal", "partner_goal", "by", "by_side", "text", "written"),
    ),
    "resolutions.csv": (
        "resolutions",
        ("round", "round_title", "goal", "partner_goal", "decision", "agreed_new_wording",
         "proposed_by", "proposed", "confirmed_by", "confirmed", "superseded"),
    ),
}  # fmt: skip
ROUNDS_COLUMNS = (
    "round", "round_title", "state", "therapist", "opened", "you_submitted", "revealed", "closed",
)  # fmt: skip
ACCESS_COLUMNS = ("when", "who", "action", "what", "object_id", "round_id", "page", "outcome", "ip")
RATINGS_COLUMNS = (
    "round", "checkin", "checkin_opened", "goal", "side", "by", "value", "attainment_level",
    "note", "state", "when",
)  # fmt: skip


def _csv(columns, rows):
    out = io.StringIO()
    # A byte order mark, so that spreadsheet programs read accents and dashes as UTF-8.
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(row.get(column)) for column in columns])
    return out.getvalue()


def _round_rows(rounds, key):
    for round_ in rounds:
        for row in round_[key]:
            yield {"round": round_["id"], "round_title": round_["title"], **row}


def readme():
    """README.txt: what each file holds, in words."""
    lines = [
        _("Your data from SamePage"),
        "",
        _(
            "This archive holds everything SamePage keeps about you. The same data is in "
            "data.json (for programs) and in the CSV files (open them in a spreadsheet)."
        ),
        "",
        "data.json — " + _("everything below in one file."),
        "account.csv — " + _("your account: name, email address, clinic, roles, therapists."),
        "rounds.csv — " + _("each round: its title, state, therapist and dates."),
        "goals.csv — "
        + _(
            "every goal you wrote, your unsubmitted drafts included (draft = True), and your "
            "therapist's goals of every round in which both lists were revealed. Your "
            "therapist's drafts are never included."
        ),
        "labels.csv — " + _("overboard labels, open and withdrawn, with the reason given."),
        "links.csv — " + _("pairs of goals linked as meaning the same thing."),
        "comments.csv — " + _("every comment in your rounds."),
        "resolutions.csv — "
        + _("every proposal of what to do with an item, and who confirmed it."),
        "ratings.csv — "
        + _(
            "ratings of agreed goals at check-ins, from 0 (not at all met) to 10 (fully met): "
            "both sides' once a check-in is revealed (when = the reveal), and your own of a "
            "check-in still open (state draft or submitted). Your therapist's ratings of an "
            "open check-in are never included."
        ),
        "access_log.csv — "
        + _(
            "who opened or changed your rounds and account, and when, from SamePage's audit "
            "trail. IP addresses are shown for your own actions only."
        ),
        "",
        _(
            "Codes: side is client or therapist; life_area, kind and decision are the codes "
            "SamePage stores (e.g. work_study, too_hard, revise). Times are in your clinic's "
            "time zone."
        ),
    ]
    return "\n".join(lines) + "\n"


def archive(data):
    """The ZIP file's bytes."""
    rounds = data["rounds"]
    account = data["account"]
    account_row = {**account, "roles": ", ".join(account["roles"])}
    account_row["therapists"] = "; ".join(
        f"{t['therapist']} ({t['from']} – {t['until'] or ''})" for t in account["therapists"]
    )
    files = {
        "README.txt": readme(),
        "data.json": json.dumps(data, indent=2, ensure_ascii=False),
        "account.csv": _csv(tuple(account_row), [account_row]),
        "rounds.csv": _csv(
            ROUNDS_COLUMNS, [{"round": r["id"], "round_title": r["title"], **r} for r in rounds]
        ),
        "ratings.csv": _csv(RATINGS_COLUMNS, data["ratings"]),
        "access_log.csv": _csv(ACCESS_COLUMNS, data["access_log"]),
    }
    for name, (key, columns) in CSV_FILES.items():
        files[name] = _csv(columns, _round_rows(rounds, key))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return buffer.getvalue()
