"""The read endpoints' answers are kept whole (`ReadCache`): a kept answer is the one the app gives
without the cache, byte for byte; only 200 answers to GET requests of the read endpoints are kept,
by path and query; the cache is bounded by size; the token is still checked first."""
from __future__ import annotations

import pytest

from tests.api.conftest import TestClient, answer, errors_of
from umbrella.api import create_app
from umbrella.lab import GameList, Lab, RecordList, RecordsRequest
from umbrella.limits import ServerLimits

READS = ["/api/data/disputes", "/api/data/record/spain-1988", "/api/theories", "/api/theory/deployment-typology/test",
         "/api/games", "/api/games/deployment-bargaining/params", "/api/scenarios", "/api/params",
         "/api/params?vocabulary=true", "/api/variables"]
TOKEN = "s3cret-Token_for.tests~0123456789"


class Counting(Lab):
    """The bundled lab, counting the calls that reach its read use cases."""

    def __init__(self) -> None:
        super().__init__(scenario_files=False)
        self.calls: list[str] = []

    def records(self, request):
        self.calls.append(f"records {request.kind}")
        return super().records(request)

    def games(self):
        self.calls.append("games")
        return super().games()

    def vocabulary(self):
        self.calls.append("vocabulary")
        return super().vocabulary()

    def parameters(self):
        self.calls.append("parameters")
        return super().parameters()


@pytest.fixture(scope="module")
def lab():
    return Lab(scenario_files=False)


def app(lab, read_cache_bytes: int = ServerLimits().read_cache_bytes, token=None) -> TestClient:
    return TestClient(create_app(lab, token=token, limits=ServerLimits(read_cache_bytes=read_cache_bytes)))


def test_kept_answers_are_the_uncached_answers(lab):
    cached, uncached = app(lab), app(lab, read_cache_bytes=0)
    for path in READS:
        first, again, reference = cached.get(path), cached.get(path), uncached.get(path)
        assert first.status_code == again.status_code == reference.status_code == 200, path
        assert first.content == again.content == reference.content, path
        assert again.headers == reference.headers, path
    assert answer(cached.get("/api/data/disputes"), RecordList) == lab.records(RecordsRequest(kind="disputes"))


def test_a_read_reaches_the_lab_once_per_path_and_query():
    lab = Counting()
    client = app(lab)
    for _ in range(3):
        for path in ("/api/data/disputes", "/api/games", "/api/params", "/api/params?vocabulary=true"):
            assert client.get(path).status_code == 200
    # one call each; the vocabulary lists the parameters too (the second `parameters`)
    assert sorted(lab.calls) == ["games", "parameters", "parameters", "records disputes", "vocabulary"]


def test_errors_and_other_methods_are_not_kept():
    lab = Counting()
    client = app(lab)
    for _ in range(2):
        errors_of(client.get("/api/data/no-such-kind"), 404)
        errors_of(client.post("/api/games"), 405)
    assert lab.calls == ["records no-such-kind"] * 2


def test_without_cache_every_read_reaches_the_lab():
    lab = Counting()
    client = app(lab, read_cache_bytes=0)
    for _ in range(3):
        assert client.get("/api/games").status_code == 200
    assert lab.calls == ["games"] * 3


def test_the_cache_is_bounded_by_size():
    """A cap of 20 KB keeps the list of games (~2 KB) and never the disputes (~78 KB)."""
    lab = Counting()
    client = app(lab, read_cache_bytes=20_000)
    for _ in range(3):
        assert client.get("/api/data/disputes").status_code == 200
        assert answer(client.get("/api/games"), GameList).root
    assert sorted(lab.calls) == ["games"] + ["records disputes"] * 3


def test_a_kept_answer_still_needs_the_token(lab):
    client = app(lab, token=TOKEN)
    assert client.get("/api/games", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    errors_of(client.get("/api/games"), 401)
    errors_of(client.get("/api/games", headers={"Authorization": "Bearer wrong-token-of-enough-length"}), 401)
