"""Safe YAML loading that remembers where each key was written.

Only PyYAML's safe constructors are used (``!!python/...`` tags are refused), alias expansion is capped
(a "billion laughs" file is refused instead of exhausting memory), and every mapping records the line of
each of its keys so that errors can say ``file:line: what is wrong``.
"""

from __future__ import annotations

from functools import lru_cache

MAX_ALIASES = 200
MAX_NODES = 200_000


class YamlError(Exception):
    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


class LineDict(dict):
    """A dict that knows the 1-based line of each key (``.lines``) and of itself (``.line``)."""

    line: int = 0
    lines: dict


@lru_cache(maxsize=1)
def _loaders():
    """(the safe pure-Python loader with the alias cap, libyaml's loader or that same one, yaml): built on
    first use, so a run that parses no YAML (no config file, rule files kept in the cache) never imports
    PyYAML."""
    import yaml

    class _Loader(yaml.SafeLoader):
        def __init__(self, stream) -> None:
            super().__init__(stream)
            self._aliases = 0
            self._nodes = 0

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                self._aliases += 1
                if self._aliases > MAX_ALIASES:
                    mark = self.peek_event().start_mark
                    raise yaml.YAMLError(
                        f"too many aliases (more than {MAX_ALIASES}) at line {mark.line + 1}"
                    )
            self._nodes += 1
            if self._nodes > MAX_NODES:
                raise yaml.YAMLError("document too large")
            return super().compose_node(parent, index)

    def _construct_mapping(loader, node):
        loader.flatten_mapping(node)
        d = LineDict()
        d.line = node.start_mark.line + 1
        d.lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "unhashable key", key_node.start_mark
                ) from None
            d[key] = loader.construct_object(value_node, deep=True)
            d.lines[key] = key_node.start_mark.line + 1
        return d

    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

    if getattr(yaml, "__with_libyaml__", False):

        class _FastLoader(yaml.CSafeLoader):
            """libyaml's parser and composer with the same safe constructors; the alias cap is then
            enforced on the constructed data by ``expanded_size`` (aliases are shared objects, so that
            is cheap)."""

        _FastLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    else:  # pragma: no cover
        _FastLoader = _Loader
    return _Loader, _FastLoader, yaml


def expanded_size(obj, limit: int = MAX_NODES) -> int:
    """How many nodes ``obj`` has once aliases are expanded (memoised, so a bomb is measured cheaply)."""
    memo: dict[int, int] = {}

    def size(o) -> int:
        key = id(o)
        if key in memo:
            return memo[key]
        memo[key] = 1  # guards against recursive structures
        if isinstance(o, dict):
            n = 1 + sum(size(k) + size(v) for k, v in o.items())
        elif isinstance(o, list):
            n = 1 + sum(size(v) for v in o)
        else:
            n = 1
        memo[key] = min(n, limit + 1)
        return memo[key]

    return size(obj)


def data_is_aliased(data, distinct: int = 0) -> bool:
    """Whether expanding aliases multiplies ``data``: its lists and mappings, counted as often as aliases
    repeat them, are more than twice the distinct ones (scalars are left out: CPython shares equal short
    strings, which would look like aliases)."""
    limit = 4 * MAX_NODES
    memo: dict[int, int] = {}

    def containers(o) -> int:
        key = id(o)
        if key in memo:
            return memo[key]
        memo[key] = 0
        if isinstance(o, dict):
            n = 1 + sum(containers(v) for v in o.values())
        elif isinstance(o, list):
            n = 1 + sum(containers(v) for v in o)
        else:
            return 0
        memo[key] = min(n, limit + 1)
        return memo[key]

    expanded = containers(data)
    unique = sum(1 for _ in _iter_containers(data))
    return expanded > 2 * max(unique, 1)


def _iter_containers(data):
    seen: set[int] = set()
    stack = [data]
    while stack:
        o = stack.pop()
        if not isinstance(o, (dict, list)) or id(o) in seen:
            continue
        seen.add(id(o))
        yield o
        stack.extend(o.values() if isinstance(o, dict) else o)


def load_yaml(text: str, path: str):
    """Parse YAML safely; raise YamlError with the file and line on any problem."""
    _Loader, _FastLoader, yaml = _loaders()
    try:
        loader = _FastLoader(text) if text.count("*") < MAX_ALIASES else _Loader(text)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
        # Only aliases can make the expanded data much larger than the nodes written in the file: a long
        # plain list (100,000 swap pairs) is large, but no bomb (the file size cap bounds it).
        if expanded_size(data) > MAX_NODES and data_is_aliased(data):
            raise YamlError(
                path, 1, f"YAML expands to more than {MAX_NODES} values through aliases (an alias bomb?)"
            )
        return data
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "invalid YAML"
        if "python/" in str(exc):
            what = f"{what} (only plain YAML is allowed in rule packs and config)"
        raise YamlError(path, line, what) from None
    except yaml.YAMLError as exc:
        raise YamlError(path, 1, str(exc)) from None
    except RecursionError:
        raise YamlError(path, 1, "nesting too deep") from None


def line_of(mapping, key, default: int = 1) -> int:
    lines = getattr(mapping, "lines", None)
    if lines and key in lines:
        return lines[key]
    return getattr(mapping, "line", default) or default
