"""English date formats: one readable form everywhere ("1 Oct 2026", "1 Oct 2026, 14:05").

Django's own English formats mix "Oct. 1, 2026" with "10/01/2026"; SamePage shows one day-month
order and never an all-numbers date, which reads differently on either side of the Atlantic.
Machines get ISO 8601 instead (<time datetime>, CSV).
"""

DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "M Y"
TIME_FORMAT = "H:i"
