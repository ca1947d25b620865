"""Levers are piecewise constant: an open-ended setting runs until the next setting of the same lever."""
from __future__ import annotations

import textwrap

import pytest

from umbrella.dynamics.scenario import load_scenario
from umbrella.errors import InputError
from umbrella.evidence import load
from umbrella.dynamics.history import inputs_from_evidence
from umbrella.experiments.ensemble import run_ensemble, summarise

HISTORY = inputs_from_evidence(load())   # the past every run carries

HEAD = """\
id: piecewise
title: {en: piecewise, zh: 分段}
start: 2024
end: 2035
levers:
"""


def scenario(tmp_path, name, levers):
    path = tmp_path / f"{name}.yaml"
    path.write_text(HEAD + textwrap.indent(textwrap.dedent(levers), "  "), encoding="utf-8")
    return load_scenario(path)


def test_open_ended_settings_form_a_series(tmp_path):
    series = scenario(tmp_path, "series", """\
        - {lever: declaratory_restraint, value: no_first_use, from: 2025}
        - {lever: declaratory_restraint, value: none, from: 2028}
        - {lever: consultation, ally: KOR, value: ncg, from: 2024}
        - {lever: consultation, ally: KOR, value: nuclear_sharing, from: 2030}
        """)
    explicit = scenario(tmp_path, "explicit", """\
        - {lever: declaratory_restraint, value: no_first_use, from: 2025, to: 2027}
        - {lever: declaratory_restraint, value: none, from: 2028}
        - {lever: consultation, ally: KOR, value: ncg, from: 2024, to: 2029}
        - {lever: consultation, ally: KOR, value: nuclear_sharing, from: 2030}
        """)
    a = summarise(run_ensemble(series, samples=16, seed=3, history=HISTORY))
    b = summarise(run_ensemble(explicit, samples=16, seed=3, history=HISTORY))
    assert a["variables"] == b["variables"]
    restrained = scenario(tmp_path, "restrained", """\
        - {lever: declaratory_restraint, value: no_first_use, from: 2025}
        """)
    c = summarise(run_ensemble(restrained, samples=16, seed=3, history=HISTORY))
    assert c["variables"]["crisis_probability"] != a["variables"]["crisis_probability"]


def test_explicit_ranges_that_intersect_are_still_an_error(tmp_path):
    with pytest.raises(InputError) as info:
        scenario(tmp_path, "bad", """\
            - {lever: sanctions, value: 0.5, from: 2025, to: 2030}
            - {lever: sanctions, value: 0.7, from: 2029, to: 2033}
            """)
    assert len(info.value.problems) == 1 and "overlaps" in info.value.problems[0].message
