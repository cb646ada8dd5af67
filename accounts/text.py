"""Text typed by people, made safe to put into an email."""

import unicodedata

EMAIL_NAME_MAX = 60


def name_for_email(name, *, max_length=EMAIL_NAME_MAX):
    """A person's name as an email may show it: one line, no control or format characters.

    Names are typed by people; in a plain-text email a newline or a direction override could
    make the name look like instructions from SamePage, and a long one push the rest away.
    """
    kept = "".join(
        " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char
        for char in name or ""
        if unicodedata.category(char) not in ("Cf", "Cs", "Co", "Cn")
    )
    kept = " ".join(kept.split())
    if len(kept) > max_length:
        kept = kept[: max_length - 1].rstrip() + "…"
    return kept
