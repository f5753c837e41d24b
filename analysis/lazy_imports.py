"""Names of a package imported from their modules when first asked for (PEP 562).

A package whose ``__init__`` would otherwise import every module (and scikit-learn with them) gives
its names lazily: ``analysis.scale`` so that a worker process running chunks imports only what a
chunk needs, ``analysis.vectors`` so that the chunks' term analyzer comes without scikit-learn.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence

__all__ = ["attach_lazy_names"]


def attach_lazy_names(package: str, modules: Mapping[str, Sequence[str]]) -> tuple[Callable, Callable]:
    """The ``__getattr__`` and ``__dir__`` of a package whose names come from its modules on first use.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    modules : mapping of str to sequence of str
        Module (relative to the package) -> the names it gives.

    Returns
    -------
    (__getattr__, __dir__)
        Assign them in the package's ``__init__``. A name is imported from its module once, then kept
        in the package's namespace; an unknown name raises AttributeError as for any module.

    Examples
    --------
    >>> getattr_, dir_ = attach_lazy_names("analysis.vectors", {"analyzer": ["TermAnalyzer"]})
    >>> getattr_("TermAnalyzer").__name__
    'TermAnalyzer'
    >>> getattr_("Nothing")
    Traceback (most recent call last):
    AttributeError: module 'analysis.vectors' has no attribute 'Nothing'
    """
    module_of = {name: module for module, names in modules.items() for name in names}

    def __getattr__(name: str):
        module = module_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(module_of))

    return __getattr__, __dir__
