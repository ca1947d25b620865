"""Qualitative Comparative Analysis (crisp and fuzzy sets), after R QCA (Duşa 2019).

    data = parse_csv(text, "LC.csv")
    sd = set_data(data, ["DEV", "URB", "LIT", "IND", "STB"], "SURV")
    tt = truth_table(sd, incl_cut=1)
    minimize(tt).to_dict()["solutions"][0]["expression"]   # 'DEV*~URB*LIT*STB + DEV*LIT*IND*STB'
"""
from umbrella.theory.qca.calibrate import calibrate_direct
from umbrella.theory.qca.data import raw_column, QcaData, SetData, from_records, parse_conditions, parse_csv, set_data
from umbrella.theory.qca.expressions import format_expression, format_term, parse_expression
from umbrella.theory.qca.minimize import Minimization, expression_fit, minimize, solution_fit, parse_dir_exp, prime_implicants
from umbrella.theory.qca.truth_table import TruthTable, coverage, fit, inclusion, pri, term_membership, truth_table

__all__ = ["QcaData", "SetData", "TruthTable", "Minimization", "parse_csv", "set_data", "from_records",
           "parse_conditions", "truth_table", "minimize", "parse_dir_exp", "prime_implicants", "parse_expression",
           "format_expression", "format_term", "inclusion", "pri", "coverage", "fit", "term_membership",
           "calibrate_direct", "expression_fit", "solution_fit", "raw_column"]
