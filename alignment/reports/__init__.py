"""Reports: the therapist's caseload, a client's history, one round's report and its CSV.

Read-only. Every builder runs a fixed number of queries whatever the number of clients or
rounds, and takes its agendas from `alignment.discussion.round_views`, so a report always says
what the round page says. Rounds come only through `alignment.access`: the caseload asks it
itself, the history and the report are given rounds the view got from it.
"""

from alignment.reports.caseload import PAGE_SIZE, Caseload, CaseloadRow, caseload, parse_sort
from alignment.reports.history import (
    Chart,
    HistoryRound,
    client_history,
    score_chart,
    score_history,
)
from alignment.reports.round import RoundReport, neutralise, report_rows, round_report, write_csv

__all__ = [
    "PAGE_SIZE",
    "Caseload",
    "CaseloadRow",
    "Chart",
    "HistoryRound",
    "RoundReport",
    "caseload",
    "client_history",
    "neutralise",
    "parse_sort",
    "report_rows",
    "round_report",
    "score_chart",
    "score_history",
    "write_csv",
]
