import sys

import pytest

from analysis.lazy_imports import attach_lazy_names


@pytest.fixture
def package(tmp_path, monkeypatch):
    root = tmp_path / "lazypkg"
    root.mkdir()
    (root / "__init__.py").write_text(
        "from analysis.lazy_imports import attach_lazy_names\n"
        "__getattr__, __dir__ = attach_lazy_names(__name__, {'heavy': ['VALUE', 'twice']})\n"
    )
    (root / "heavy.py").write_text("import sys\nsys.lazy_loads = getattr(sys, 'lazy_loads', 0) + 1\nVALUE = 42\ndef twice(x):\n    return 2 * x\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "lazy_loads", 0, raising=False)
    yield "lazypkg"
    for name in ("lazypkg", "lazypkg.heavy"):
        sys.modules.pop(name, None)


def test_a_name_is_imported_from_its_module_on_first_use_and_kept(package):
    import importlib

    module = importlib.import_module(package)
    assert "lazypkg.heavy" not in sys.modules and sys.lazy_loads == 0
    assert module.VALUE == 42 and "lazypkg.heavy" in sys.modules
    assert "VALUE" in vars(module) and module.twice(3) == 6 and sys.lazy_loads == 1
    assert {"VALUE", "twice"} <= set(dir(module))


def test_an_unknown_name_raises_attribute_error_naming_the_package(package):
    import importlib

    module = importlib.import_module(package)
    with pytest.raises(AttributeError, match="module 'lazypkg' has no attribute 'missing'"):
        module.missing
    getattr_, _ = attach_lazy_names("lazypkg", {})
    with pytest.raises(AttributeError):
        getattr_("VALUE")
