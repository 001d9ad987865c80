"""numpy, imported on first use.

The one-company engine (the app, ``assess score``) never needs numpy; only the batch forms of the ops
(bulk mode) do. Importing numpy costs about a tenth of the app's start-up, so the modules that hold
both forms of an op read numpy through :data:`np`, which imports it the first time an attribute is
read and from then on is numpy's own namespace (type checkers see the real module).
"""

from __future__ import annotations

import importlib
import types
from typing import Any


class _LazyModule(types.ModuleType):
    """A stand-in for a module that imports it on the first attribute read."""

    def __getattr__(self, attr: str) -> Any:
        module = importlib.import_module(self.__name__)
        self.__dict__.update(module.__dict__)
        return getattr(module, attr)


np = _LazyModule("numpy")
"""numpy, once an attribute is read."""
