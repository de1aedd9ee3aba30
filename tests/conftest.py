"""Shared pytest set-up: slow checks run with --run-slow, and always in CI."""

from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="also run checks marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow") or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(reason="slow check: run with --run-slow (CI always runs it)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
