"""Browser fixtures for the reliability tests: the same Debian Chromium set-up as tests/e2e."""

from tests.e2e.conftest import browser_type_launch_args  # noqa: F401 - a pytest fixture
