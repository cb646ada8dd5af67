"""Audit tests reuse the alignment rounds (a revealed round with one of everything)."""

from tests.alignment.conftest import (  # noqa: F401 (fixtures)
    as_user,
    build_round,
    discussed_round,
    revealed_round,
)
