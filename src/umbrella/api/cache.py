"""Caches bounded by size: least recently used entries go first once the size of those kept passes
the cap. `SizedLRU` keeps results (one computation per key at a time: a second request for a key
being computed waits for it and reuses the result); `ReadCache` keeps the answers of the read
endpoints, whose documents never change while the server runs (its lab loads each resource once)."""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable, Generic, Hashable, Optional, TypeVar

from pydantic import BaseModel

V = TypeVar("V")


def json_size(value: BaseModel) -> int:
    """The estimated size of a result: the length of its JSON document (its objects take 1-3 times that)."""
    return len(value.model_dump_json())


class SizedLRU(Generic[V]):
    """Results by key, least recently used evicted first while their total size passes `max_bytes`
    (a result larger than the cap on its own is returned but not kept)."""

    def __init__(self, max_bytes: int, size: Callable[[Any], int] = json_size):
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


class ReadCache:
    """ASGI middleware: the 200 answers of GET requests to `paths` (prefixes), kept whole (status,
    headers, body) by path and query, least recently used out first past `max_bytes`, and sent again
    as they are. For endpoints whose answer depends on nothing but the request and the resources the
    server loaded once: a read then costs no validation and no serialization."""

    def __init__(self, app: Any, paths: tuple[str, ...], max_bytes: int):
        self.app, self.paths = app, paths
        self.kept: SizedLRU[tuple[dict, bytes]] = SizedLRU(max_bytes, size=lambda answer: len(answer[1]))

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(self.paths):
            return await self.app(scope, receive, send)
        key = (scope["path"], scope.get("query_string", b""))
        kept = self.kept.get(key)
        if kept is not None:
            await send(kept[0])
            await send({"type": "http.response.body", "body": kept[1]})
            return
        start: dict = {}
        body = bytearray()

        async def keep(message: dict) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200:
                    self.kept.put(key, (start, bytes(body)))
            await send(message)

        await self.app(scope, receive, keep)
