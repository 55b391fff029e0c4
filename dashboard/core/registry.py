"""A bounded, thread-safe registry of loaded models: by key, least recently used first out.

Each key is ``(folder, signature)``. The registry also remembers, per folder, the key of
its last valid load, so a folder whose files became invalid keeps serving its last good
model. Both are bounded by ``max_models``: the least recently used entry is evicted even
when it is some folder's last good load (an upload session that ended long ago must not
hold its model forever), and evicting a key forgets the folder's last good load with it.
:meth:`ModelRegistry.forget` drops a folder at once (an upload session ended).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

__all__ = ["Key", "M", "ModelRegistry"]

M = TypeVar("M")
Key = tuple[str, Hashable]


class ModelRegistry(Generic[M]):
    """At most ``max_models`` models by key, plus each folder's last good key.

    >>> reg = ModelRegistry(max_models=2)
    >>> for n in range(3):
    ...     _ = reg.remember((f"/up/{n}", n), f"model {n}", good=True)
    >>> len(reg), reg.last_good("/up/0"), reg.last_good("/up/2")
    (2, None, 'model 2')
    """

    def __init__(self, max_models: int) -> None:
        self.max_models = max_models
        self._models: OrderedDict[Key, M] = OrderedDict()
        self._last_good: dict[str, Key] = {}
        self._lock = threading.RLock()  # sessions are threads

    def remember(self, key: Key, model: M, good: bool = False) -> M:
        """Keep ``model`` under ``key`` (most recent); with ``good``, as its folder's last
        valid load. Evicts the least recently used beyond the cap."""
        with self._lock:
            self._models[key] = model
            self._models.move_to_end(key)
            if good:
                self._last_good[key[0]] = key
            while len(self._models) > self.max_models:
                old, _ = self._models.popitem(last=False)
                if self._last_good.get(old[0]) == old:
                    del self._last_good[old[0]]
        return model

    def get(self, key: Key) -> M | None:
        """The model kept under ``key`` (now the most recently used), else None."""
        with self._lock:
            found = self._models.get(key)
            if found is not None:
                self._models.move_to_end(key)
            return found

    def last_good(self, folder: str) -> M | None:
        """The folder's last valid model while it is still kept, else None."""
        with self._lock:
            key = self._last_good.get(folder)
            return self.get(key) if key is not None else None

    def key_of(self, model: M) -> Key | None:
        """The key a kept model was registered under (identity), else None."""
        with self._lock:
            for key, known in self._models.items():
                if known is model:
                    return key
        return None

    def forget(self, folder: str) -> int:
        """Drop every model of ``folder`` and its last good load; return how many."""
        with self._lock:
            gone = [k for k in self._models if k[0] == folder]
            for key in gone:
                del self._models[key]
            self._last_good.pop(folder, None)
            return len(gone)

    def folders(self) -> set[str]:
        """The folders with a kept model or a last good load."""
        with self._lock:
            return {k[0] for k in self._models} | set(self._last_good)

    def __len__(self) -> int:
        return len(self._models)
