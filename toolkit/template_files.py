"""Edge: read the draft templates from disk (packaged defaults, then the owner's folder).

The defaults ship inside the package as `toolkit._templates` (the repository's top-level
`templates/` folder, see pyproject.toml). When the toolkit runs from a source checkout that
is not installed, the same folder is read directly. The owner's `templates_dir` overrides
the defaults file by file, so an upgrade never overwrites their wording.
"""

from __future__ import annotations

import logging
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from toolkit.errors import ConfigError
from toolkit.reasons import EMAIL_REASONS

log = logging.getLogger(__name__)

PACKAGE = "toolkit._templates"
_SOURCE_TREE = Path(__file__).resolve().parents[1] / "templates"


def template_file(reason: str) -> str:
    return f"{reason}.txt"


def _packaged() -> Traversable:
    try:
        return resources.files(PACKAGE)
    except ModuleNotFoundError:  # a source checkout, not installed: read templates/ directly
        return _SOURCE_TREE


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        log.warning("%s is not UTF-8; read it as Windows text (cp1252). Save it as UTF-8 "
                    "to be sure every character comes out right.", where)
        return data.decode("cp1252", errors="replace")


def load_templates(owner_dir: Path | None) -> dict[str, tuple[str, str]]:
    """`{reason: (file name to show the owner, template text)}` for every emailed reason.

    A file `<reason>.txt` in `owner_dir` replaces the packaged default of that reason; other
    files there are ignored. Raises ConfigError when `owner_dir` is given but is not a folder.
    """
    base = _packaged()
    templates: dict[str, tuple[str, str]] = {}
    for reason in EMAIL_REASONS:
        name = template_file(reason)
        templates[reason] = (f"{name} (built-in)", _decode(base.joinpath(name).read_bytes(), name))
    if owner_dir is None:
        return templates
    if not owner_dir.is_dir():
        raise ConfigError(
            f"templates_dir '{owner_dir}' in toolkit.toml is not a folder. Create it (copy the "
            "files from the toolkit's templates/ folder to start from), or remove the "
            "templates_dir line to use the built-in wording.")
    for reason in EMAIL_REASONS:
        path = owner_dir / template_file(reason)
        if path.is_file():
            templates[reason] = (str(path), _decode(path.read_bytes(), str(path)))
            log.info("using your template %s", path)
    return templates
