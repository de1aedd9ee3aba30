"""Shared pytest set-up: slow checks run with --run-slow, and always in CI."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# Property tests explore the same examples on every run: a red CI run must mean a bug,
# never bad luck. (Run with HYPOTHESIS_PROFILE=explore to search afresh.)
settings.register_profile("deterministic", derandomize=True, print_blob=True)
settings.register_profile("explore", max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="also run checks marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow") or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(reason="slow check: run with --run-slow (CI always runs it)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
