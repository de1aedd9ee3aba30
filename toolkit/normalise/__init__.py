"""Normalising: the owner's raw tabs in, customers, orders and data problems out (pure).

Public API:
- normalise(source, *, columns=None, date_order=None) -> Dataset
- FIELDS: every field name a `[columns]` line may use, with what it means.
"""

from toolkit.normalise.aliases import FIELDS
from toolkit.normalise.normalise import normalise

__all__ = ["FIELDS", "normalise"]
