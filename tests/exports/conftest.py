from tests.alignment.conftest import (  # noqa: F401 (fixtures)
    as_user,
    build_round,
    closed_round,
    discussed_round,
    revealed_round,
)
