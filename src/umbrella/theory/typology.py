"""Seed 004's Table 1 (or any theory's declared table) with the coded cases placed in its cells."""
from __future__ import annotations

from typing import Optional

from umbrella.theory.declaration import TheoryDecl
from umbrella.theory.scoring import predict, truth


def typology_table(theory: TheoryDecl, result: dict) -> dict:
    """Cells of the theory's declared table (rows × columns of two conditions, or rows only), each
    with its prediction and the cases coded into it (observed outcome and match)."""
    names = theory.condition_names
    rows_name = theory.table.rows if theory.table else names[0]
    cols_name = (theory.table.columns if theory.table else (names[1] if len(names) > 1 else None))
    row_values = [True, False]
    col_values: list[Optional[bool]] = [True, False] if cols_name else [None]
    labels = {tuple(sorted(r.when.items())): r.label.model_dump() if r.label else None for r in theory.predictions}
    cells = []
    placed = set()
    for rv in row_values:
        for cv in col_values:
            when = {rows_name: rv} | ({cols_name: cv} if cols_name else {})
            predicted, rule = predict(theory, when)
            label = labels.get(tuple(sorted(theory.predictions[rule].when.items()))) if rule is not None else None
            cases = []
            for c in result["cases"]:
                if truth(c["conditions"].get(rows_name)) is rv and (cols_name is None or truth(c["conditions"].get(cols_name)) is cv):
                    cases.append({"id": c["id"], "title": c["title"], "observed": c["observed"], "match": c["match"],
                                  "scored": c["scored"], "reason": c["reason"],
                                  "reason_code": c["reason_code"]})
                    placed.add(c["id"])
            cells.append({"row": rv, "column": cv, "predicted": predicted, "label": label, "cases": cases})
    unplaced = [{"id": c["id"], "reason": "condition not coded"} for c in result["cases"] if c["id"] not in placed]
    return {"theory": theory.id, "name": theory.name.model_dump(), "rows": rows_name, "columns": cols_name,
            "row_label": _label(theory, rows_name), "column_label": _label(theory, cols_name) if cols_name else None,
            "cells": cells, "unplaced": unplaced}


def _label(theory: TheoryDecl, name: str) -> dict:
    return next(c.label.model_dump() for c in theory.conditions if c.name == name)
