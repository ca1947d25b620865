"""Quotes in any ledger are checked against their seed, like every other source (SYSTEM.md §3.1)."""
import pytest

from tests.support import SEEDS, umbrella


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds absent (present in CI)")
def test_a_quote_not_in_its_seed_is_one_error_line(tmp_path):
    seed = (SEEDS / "004_a9c63d3a1281ba4d.txt").read_text(encoding="utf-8")
    real = " ".join(seed[seed.index("境外部署核武器"):][:30].split())
    ledger = tmp_path / "ledger.yaml"
    ledger.write_text(
        f'- {{id: S004-98, seed: 004_a9c63d3a1281ba4d.txt, quote: "{real}", claim_en: x, not_modelled: y}}\n'
        '- {id: S004-99, seed: 004_a9c63d3a1281ba4d.txt, quote: "这句话不在种子里", claim_en: x, not_modelled: y}\n',
        encoding="utf-8")
    rc, out, err = umbrella("claims", "--ledger", ledger, "--samples", "8", "--format", "json")
    lines = err.strip().splitlines()
    assert rc == 2 and len(lines) == 1 and ledger.name + ":2:" in lines[0] and "quote" in lines[0]
