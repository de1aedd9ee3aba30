"""Making many frozen records fast (scoring builds one or two per customer). Pure.

A frozen dataclass's `__init__` sets each field through `object.__setattr__`, one call
per field; for a record of 26 fields that is most of the cost of scoring a customer.
`maker(cls)` gives a function with the constructor's positional signature (every field,
in field order) made for that class: one line per field, each stored straight into the
instance's dict or, for a class with slots, into a plain twin's slots (see `_twin`).
The records it makes are the same in every respect (fields, equality, hash, repr,
pickling, `vars`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, is_dataclass
from operator import attrgetter
from typing import Any, TypeVar

_T = TypeVar("_T")


def maker(cls: type[_T]) -> Callable[..., _T]:
    """`cls(*values)` for all of cls's fields given positionally, without `__init__`.

    Falls back to `cls` itself where that would not be the same: not a dataclass with a
    generated `__init__`, one with a `__post_init__`, or one whose slots have no twin.
    """
    params = getattr(cls, "__dataclass_params__", None)
    if (not is_dataclass(cls) or params is None or not params.init
            or hasattr(cls, "__post_init__")):
        return cls
    names = tuple(f.name for f in fields(cls))
    if any(name == "make" or name.endswith("_") for name in names):
        return cls  # would clash with the names the made function uses
    scope: dict[str, Any] = {"_new_": object.__new__, "_cls_": cls}
    if "__slots__" in cls.__dict__:  # each field a plain store into a twin, turned cls
        twin = _twin(cls)
        if twin is None:
            return cls
        scope["_twin_"] = twin
        body = ["    _made_ = _new_(_twin_)"] + [f"    _made_.{name} = {name}"
                                                  for name in names]
        body.append("    _made_.__class__ = _cls_")
    else:
        body = ["    _made_ = _new_(_cls_)", "    _put_ = _made_.__dict__"] + [
            f"    _put_[{name!r}] = {name}" for name in names]
    # One line per field, no loop: half the time of setting them in a loop (the way
    # dataclasses writes its own __init__). Field names are identifiers, so they are safe
    # as parameter names; the helpers' names end in "_", and no field's does (see above).
    source = "\n".join([f"def make({', '.join(names)}):", *body, "    return _made_"])
    exec(source, scope)  # the text is built above from field names only
    make: Callable[..., _T] = scope["make"]
    make.__doc__ = f"{cls.__name__}(*values), every field given, in field order."
    return make


def _twin(cls: type) -> type | None:
    """A plain class with the slots of `cls` (a frozen class with slots), or None.

    Setting a slot of a frozen record goes through the slot's descriptor, a call per
    field; a plain class takes each in one store, three times faster. A twin instance
    filled that way then takes `cls` as its class, which Python allows between classes
    that lay out their slots alike: the record is then a `cls` instance like any other.
    None when Python refuses (some slots inherited from a base, say): tried once, here.
    """
    twin = type(f"{cls.__name__}Twin", (), {"__slots__": cls.__dict__["__slots__"]})
    try:
        probe: Any = object.__new__(twin)
        probe.__class__ = cls
    except TypeError:
        return None
    return twin


def replacer(cls: type[_T]) -> Callable[..., _T]:
    """`dataclasses.replace(record, **changes)` for records of `cls`, without its per-call
    look at the class's fields (about 4x faster)."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    values_of = attrgetter(*names)
    position = {name: index for index, name in enumerate(names)}
    make = maker(cls)

    def replace(record: _T, **changes: Any) -> _T:
        values = list(values_of(record))
        for name, value in changes.items():
            values[position[name]] = value
        return make(*values)

    return replace
