"""A results cache bounded by size: least recently used results go first once the estimated size
of those kept passes the cap. One computation per key at a time: a second request for a key that
is being computed waits for it and reuses the result instead of computing it again."""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Generic, Hashable, Optional, TypeVar

from pydantic import BaseModel

V = TypeVar("V", bound=BaseModel)


def json_size(value: BaseModel) -> int:
    """The estimated size of a result: the length of its JSON document (its objects take 1-3 times that)."""
    return len(value.model_dump_json())


class SizedLRU(Generic[V]):
    """Results by key, least recently used evicted first while their total size passes `max_bytes`
    (a result larger than the cap on its own is returned but not kept)."""

    def __init__(self, max_bytes: int, size: Callable[[V], int] = json_size):
        self.max_bytes = max_bytes
        self._size = size
        self._items: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._gates: dict[Hashable, list] = {}   # key -> [lock held while computing it, users]

    @property
    def nbytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable) -> Optional[V]:
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key][0]

    def put(self, key: Hashable, value: V) -> None:
        size = self._size(value)
        with self._lock:
            if key in self._items:
                self._bytes -= self._items.pop(key)[1]
            if size > self.max_bytes:
                return
            self._items[key] = (value, size)
            self._bytes += size
            while self._bytes > self.max_bytes:
                self._bytes -= self._items.popitem(last=False)[1][1]

    def get_or_compute(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The cached result, or `compute()` (once per key at a time) kept and returned."""
        with self._lock:
            gate = self._gates.setdefault(key, [threading.Lock(), 0])
            gate[1] += 1
        try:
            with gate[0]:
                value = self.get(key)
                if value is None:
                    value = compute()
                    self.put(key, value)
                return value
        finally:
            with self._lock:
                gate[1] -= 1
                if not gate[1]:
                    del self._gates[key]
