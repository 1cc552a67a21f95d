"""Which YAML parser actually runs, and that the pure-Python fallback agrees with it."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from defects import broken_records, valid_records
from seedlint.frontmatter import DecodeProblem, decode, split
from seedlint.parse import Document, backend, parse

C_MODULES = {"clib": "_ruamel_yaml", "clibz": "_ruamel_yaml_clibz"}


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


@contextmanager
def c_parser_hidden() -> Iterator[None]:
    """Both C extensions unimportable and the loader chosen again (and both undone)."""
    with pytest.MonkeyPatch.context() as patch:
        for module in C_MODULES.values():
            patch.setitem(sys.modules, module, None)  # None in sys.modules: ImportError
        backend.reset_parser()
        try:
            yield
        finally:
            backend.reset_parser()


@pytest.fixture
def pure_parser() -> Iterator[None]:
    with c_parser_hidden():
        yield


def _parse(name: str, text: str) -> Document | None:
    try:
        decoded, has_bom = decode(text.encode("utf-8"), name)
        return parse(split(decoded, has_bom, name), name)
    except DecodeProblem:
        return None  # never reaches the parser


def _snapshot(name: str, text: str) -> tuple[object, ...] | None:
    """Everything the parse produced. A syntax error's wording comes from libyaml or from
    ruamel's Python scanner and differs ("did not find expected key" / "expected <block
    end>"); its position and code must not."""
    doc = _parse(name, text)
    if doc is None:
        return None
    diagnostics = [d.to_dict() for d in doc.diagnostics]
    for diagnostic in diagnostics:
        if diagnostic["code"] == "SL001":
            diagnostic["message"] = "YAML syntax error"
    return (doc.data, doc.values, doc.keys, doc.yaml11, diagnostics)


def test_the_c_parser_runs_when_a_c_extension_is_installed() -> None:
    installed = [backend for backend, module in C_MODULES.items() if _installed(module)]
    if not installed:
        pytest.skip("neither ruamel.yaml.clib nor ruamel.yaml.clibz is installed")
    assert backend.parser_backend() == installed[0]  # clib is preferred when both are there
    loader_class = backend.node_loader()[0]
    parser_module = loader_class.__mro__[1].__module__  # e.g. ruamel.yaml.clib._ruamel_yaml
    assert parser_module.rsplit(".", 1)[-1] == C_MODULES[installed[0]]


def test_clib_is_installed_with_the_package_on_cpython() -> None:
    """The default dependencies bring the C parser: without it linting is ~16x slower."""
    if sys.implementation.name != "cpython":
        pytest.skip("ruamel.yaml.clib is a CPython extension")
    assert _installed("_ruamel_yaml")


@pytest.mark.usefixtures("pure_parser")
def test_the_fallback_is_really_pure_python() -> None:
    assert backend.parser_backend() == "pure"
    doc = _parse("x.md", "---\na: 1\n---\n")
    assert doc is not None and doc.data == {"a": 1}


def test_the_pure_fallback_gives_identical_data_spans_and_diagnostics() -> None:
    if backend.parser_backend() == "pure":
        pytest.skip("no C parser installed: nothing to compare the fallback with")
    records = valid_records() + broken_records()[::3]  # every defect, each on some record
    with_c = {name: _snapshot(name, text) for name, text in records}
    with c_parser_hidden():
        assert backend.parser_backend() == "pure"
        different = [name for name, text in records if _snapshot(name, text) != with_c[name]]
    assert different == []
    parsed = [snapshot for snapshot in with_c.values() if snapshot is not None]
    assert len(parsed) > len(records) * 0.8  # the comparison covered real parsing


SPECIAL_DOCUMENTS = [
    ("aliases", "---\nbase: &b {x: 1, y: [1, 2]}\nother: *b\nlist: [*b, &s text, *s]\n---\n"),
    ("merge", "---\nbase: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n---\n"),
    ("duplicates", "---\na: 1\nb: {c: 2}\na: [3, 4]\n---\n"),
    ("odd keys", '---\n? [1, 2]\n: list key\n1: one\ntrue: yes\n"a/b~c": 1\n!!str t: 2\n---\n'),
    ("scalar", "---\njust text\n---\n"),
]


LOOKUP_CASES = SPECIAL_DOCUMENTS + valid_records() + broken_records()[::5]


@pytest.mark.parametrize(("name", "text"), LOOKUP_CASES, ids=[name for name, _ in LOOKUP_CASES])
def test_span_lookups_one_pointer_at_a_time_match_the_whole_index(name: str, text: str) -> None:
    whole = _parse(name, text)
    lazy = _parse(name, text)
    if whole is None or lazy is None:
        return
    values, keys = dict(whole.values.items()), dict(whole.keys.items())
    asked = list(values) + [p + "/missing" for p in values] + ["/0", "/nope/0", "//"]
    assert {p: lazy.values.get(p) for p in asked} == {p: values.get(p) for p in asked}
    assert {p: lazy.keys.get(p) for p in asked} == {p: keys.get(p) for p in asked}
    assert [lazy.span(p) for p in asked] == [whole.span(p) for p in asked]
    if lazy._walkable:
        assert lazy._values is None  # answered by walking, without building the index


def _c_module() -> object | None:
    loader_class, name = backend.node_loader()
    return None if name == "pure" else sys.modules[loader_class.__mro__[1].__module__]


@pytest.mark.parametrize(
    "text",
    ["---\na: 1\nb: [x, 'y']\n---\n", "---\na: [1\nb: 2\n---\n"],
    ids=["valid", "syntax error"],
)
def test_the_c_composer_gets_its_own_node_classes_back(text: str) -> None:
    from ruamel.yaml import nodes

    module = _c_module()
    if module is None:
        pytest.skip("no C parser installed")
    _parse("x.md", text)
    assert (module.ScalarNode, module.SequenceNode, module.MappingNode) == (  # type: ignore[attr-defined]
        nodes.ScalarNode,
        nodes.SequenceNode,
        nodes.MappingNode,
    )


def test_the_faster_nodes_are_complete_ruamel_nodes() -> None:
    """Another thread composing with ruamel while seedlint parses gets these nodes."""
    from ruamel.yaml import nodes

    fast = backend.node_loader()[0].NODE_CLASSES
    scalar = fast.scalar("tag:yaml.org,2002:str", "text", None, None, '"')
    assert isinstance(scalar, nodes.ScalarNode)
    assert (scalar.tag, scalar.value, scalar.style, scalar.comment, scalar.anchor) == (
        "tag:yaml.org,2002:str",
        "text",
        '"',
        None,
        None,
    )
    sequence = fast.sequence("tag:yaml.org,2002:seq", [scalar], None, None, True)
    mapping = fast.mapping("tag:yaml.org,2002:map", [(scalar, sequence)], None, None, False)
    assert isinstance(sequence, nodes.SequenceNode) and isinstance(mapping, nodes.MappingNode)
    assert (sequence.tag, sequence.value, sequence.flow_style, sequence.anchor) == (
        "tag:yaml.org,2002:seq",
        [scalar],
        True,
        None,
    )
    assert (mapping.tag, mapping.flow_style, mapping.merge, mapping.comment) == (
        "tag:yaml.org,2002:map",
        False,
        None,
        None,
    )


def test_threads_parsing_at_once_get_the_same_results() -> None:
    from concurrent.futures import ThreadPoolExecutor

    records = valid_records()[:6]
    expected = [_snapshot(name, text) for name, text in records]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns inside each other's parse
    try:
        with ThreadPoolExecutor(4) as pool:
            for _ in range(5):
                assert list(pool.map(lambda record: _snapshot(*record), records)) == expected
    finally:
        sys.setswitchinterval(interval)
