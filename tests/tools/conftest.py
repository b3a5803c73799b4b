"""The tools drive real windows: each test cleans up after itself as the UI tests do."""

from tests.ui.conftest import (  # noqa: F401 - an autouse fixture and a hook, used by name
    _each_test_starts_clean,
    pytest_runtest_call,
)
