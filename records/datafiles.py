"""Read the project's YAML and TOML files as the hostile input they may be.

A data or settings file is input like any page: a 440-byte YAML "billion laughs"
(anchors and aliases that expand exponentially) took 80 s and 11 GB through
``yaml.safe_load``. Here YAML anchors and aliases are refused (no file of ours
needs them), nesting is bounded, invalid UTF-8 and oversized files are refused,
and every error names the file and, where it can, the line: one clear line for
the user, in milliseconds.

``load_settings`` reads one table of a TOML settings file into a frozen
dataclass, each key overridable from the environment, and refuses values a
number field cannot use (NaN, infinities, negatives, zero where a positive value
is needed).
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any, TypeVar

import yaml

#: a data file larger than this is refused before it is parsed (the largest shipped file is ~40 KB)
MAX_FILE_BYTES = 5 * 1024 * 1024
#: deepest nesting of lists and mappings accepted in a YAML file (ours nest 3 deep)
MAX_DEPTH = 32

T = TypeVar("T")


class DataFileError(ValueError):
    """A data or settings file that cannot be used; the message names the file, the line and the reason."""


class SettingsError(DataFileError):
    """A setting that cannot be used (``load_settings``); names the key, where it came from and the value."""


def read_text(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of ``path``; a missing, oversized or non-UTF-8 file raises DataFileError."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise DataFileError(f"{p}: file of {size} bytes is larger than the {max_bytes}-byte limit for a data file")
        data = p.read_bytes()
    except OSError as exc:
        raise DataFileError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataFileError(f"{p}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                            "save the file as UTF-8") from None


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader without anchors or aliases, with bounded nesting; optionally records each mapping's line."""

    record_lines = False

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            kind = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
            raise _Refused(event.start_mark, f"YAML {kind}s (&name / *name) are not allowed in data files; "
                                             "write the value out")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):  # noqa: ANN001 - PyYAML's signature
        mapping = super().construct_mapping(node, deep=deep)
        if self.record_lines:
            mapping["__line__"] = node.start_mark.line + 1
        return mapping


class _LineLoader(_SafeLoader):
    record_lines = True


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                            lambda loader, node: loader.construct_mapping(node, deep=True))


class _Refused(yaml.YAMLError):
    def __init__(self, mark: yaml.Mark, reason: str) -> None:
        super().__init__(reason)
        self.mark, self.reason = mark, reason


def parse_yaml(text: str, origin: str, *, lines: bool = False) -> Any:
    """Parse YAML ``text`` safely (see the module docstring); ``lines`` adds ``__line__`` to every mapping."""
    try:
        return yaml.load(text, Loader=_LineLoader if lines else _SafeLoader)  # noqa: S506 - SafeLoader subclass
    except _Refused as exc:
        raise DataFileError(f"{origin}:{exc.mark.line + 1}: {exc.reason}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{origin}:{mark.line + 1}" if mark else origin
        raise DataFileError(f"{where}: not valid YAML ({exc.problem or exc.context})") from None
    except yaml.YAMLError as exc:
        raise DataFileError(f"{origin}: not valid YAML ({exc})") from None


def load_yaml(path: str | Path, *, lines: bool = False) -> Any:
    """Read and parse a YAML file safely; raises DataFileError naming the file and line."""
    return parse_yaml(read_text(path), str(path), lines=lines)


def load_toml(path: str | Path) -> dict[str, Any]:
    """Read and parse a TOML file; raises DataFileError naming the file."""
    try:
        return tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"{path}: not valid TOML ({exc})") from None


_KINDS = {"str": (str, "text"), "float": (float, "a number"), "int": (int, "an integer"),
          "bool": (bool, "true or false")}


def _convert(raw: Any, typ: type, kind: str, origin: str, name: str) -> Any:
    """``raw`` as ``typ``; raises SettingsError naming the key and where its value came from."""
    if typ is bool:
        if isinstance(raw, bool):
            return raw
        low = str(raw).strip().lower()
        if low in ("1", "true", "yes", "on"):
            return True
        if low in ("0", "false", "no", "off"):
            return False
        raise SettingsError(f"{origin}: {name} must be {kind}, got {raw!r}")
    if typ is int and isinstance(raw, float) and not raw.is_integer():
        raise SettingsError(f"{origin}: {name} must be {kind}, got {raw!r}")
    try:
        value = typ(raw)
    except (TypeError, ValueError, OverflowError) as exc:
        raise SettingsError(f"{origin}: {name} must be {kind}, got {raw!r}") from exc
    return value


def load_settings(cls: type[T], path: str | Path, table: str, env_prefix: str) -> T:
    """The ``[table]`` of TOML file ``path`` as dataclass ``cls``; ``{env_prefix}{KEY}`` overrides a key.

    Field types are ``str``, ``int``, ``float`` or ``bool``. Numbers must be finite and positive, or at
    least ``metadata["min"]`` when a field declares one (``field(metadata={"min": 0})``). Every error
    names the file or variable, the key and the value.
    """
    try:
        data = load_toml(path)
    except DataFileError as exc:
        raise SettingsError(str(exc)) from None
    if not isinstance(data.get(table), dict):
        raise SettingsError(f"{path}: missing table [{table}]")
    values = data[table]
    known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(values) - known)
    if unknown:
        raise SettingsError(f"{path}: [{table}] has unknown key(s) {unknown}; known: {sorted(known)}")
    out: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        env_name = env_prefix + f.name.upper()
        env = os.environ.get(env_name)
        if env is not None:
            raw, origin = env, f"${env_name}"
        elif f.name in values:
            raw, origin = values[f.name], f"{path} [{table}]"
        elif f.default is not MISSING:
            out[f.name] = f.default
            continue
        else:
            raise SettingsError(f"{path}: [{table}] is missing key {f.name!r}")
        type_name = f.type if isinstance(f.type, str) else f.type.__name__
        typ, kind = _KINDS[type_name]
        value = _convert(raw, typ, kind, origin, f.name)
        if typ in (int, float):
            minimum = f.metadata.get("min")
            if not math.isfinite(value):
                raise SettingsError(f"{origin}: {f.name} must be a finite number, got {raw!r}")
            if minimum is None and value <= 0:
                raise SettingsError(f"{origin}: {f.name} must be positive, got {raw!r}")
            if minimum is not None and value < minimum:
                raise SettingsError(f"{origin}: {f.name} must be at least {minimum}, got {raw!r}")
        out[f.name] = value
    return cls(**out)
