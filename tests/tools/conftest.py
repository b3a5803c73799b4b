"""The tools drive real windows: each test cleans up after itself as the UI tests do."""

from tests.ui.conftest import _each_test_starts_clean  # noqa: F401 - an autouse fixture, used by name
