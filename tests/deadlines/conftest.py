"""The app under test runs no deadline scan of its own: each test drives `alerts.scan_once`, and a
scan started by the app at the same moment would take the alerts the test expects to see."""

import pytest

from service.config import Settings
from tests.helpers import ADMIN_KEY


@pytest.fixture
def settings(database_url) -> Settings:
    return Settings(
        database_url=database_url, log_json=False, bootstrap_admin_key=ADMIN_KEY, deadline_scan_enabled=False
    )
