"""Executable theories: the seed-004 deployment typology and its rivals, declared in YAML and
scored against the coded dispute cases; and QCA (`umbrella.theory.qca`).

    from umbrella.evidence import load
    from umbrella.theory import load_theories, test_theory, compare_theories
    ev = load()
    test_theory(load_theories()["deployment-typology"], ev.disputes)["summary"]["accuracy"]
"""
from __future__ import annotations

from umbrella.theory.declaration import TheoryDecl, load_theories
from umbrella.theory.scoring import case_columns, cases_frame, compare_theories, forecasts, score_case, test_theory
from umbrella.theory.typology import typology_table

__all__ = ["TheoryDecl", "load_theories", "test_theory", "compare_theories", "score_case", "case_columns",
           "cases_frame", "forecasts",
           "typology_table"]
