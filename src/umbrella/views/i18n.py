"""Bilingual labels (en / zh) for tables, plots and reports.

`t(key, lang)` returns the label in that language; an unknown key falls back to the key itself so
a missing translation is visible rather than fatal. Modules may pass their own tables to `t`.
"""
from __future__ import annotations

from typing import Mapping

LABELS: dict[str, dict[str, str]] = {
    # record kinds
    "kind.actors": {"en": "Actors", "zh": "行为体"},
    "kind.alliances": {"en": "Alliances", "zh": "同盟"},
    "kind.mechanisms": {"en": "Consultation mechanisms", "zh": "磋商机制"},
    "kind.deployments": {"en": "Deployments", "zh": "核部署"},
    "kind.disputes": {"en": "Deployment disputes", "zh": "核部署分歧案例"},
    "kind.events": {"en": "Events", "zh": "事件"},
    "kind.surveys": {"en": "Surveys", "zh": "民意调查"},
    "kind.series": {"en": "Observed series", "zh": "观测序列"},
    # columns
    "col.id": {"en": "id", "zh": "编号"},
    "col.title": {"en": "title", "zh": "名称"},
    "col.kind": {"en": "kind", "zh": "类型"},
    "col.role": {"en": "role", "zh": "角色"},
    "col.nuclear_status": {"en": "nuclear status", "zh": "核地位"},
    "col.structure": {"en": "structure", "zh": "同盟结构"},
    "col.patron": {"en": "patron", "zh": "保护国"},
    "col.founded": {"en": "founded", "zh": "成立"},
    "col.ended": {"en": "ended", "zh": "终止"},
    "col.alliance": {"en": "alliance", "zh": "同盟"},
    "col.established": {"en": "established", "zh": "设立"},
    "col.gives": {"en": "gives allies", "zh": "给予盟友"},
    "col.host": {"en": "host", "zh": "东道国"},
    "col.intensity": {"en": "intensity", "zh": "部署强度"},
    "col.start": {"en": "from", "zh": "起"},
    "col.end": {"en": "to", "zh": "止"},
    "col.alt": {"en": "alternative", "zh": "替代部署"},
    "col.conceded": {"en": "conceded", "zh": "美国让步"},
    "col.observed_strategy": {"en": "observed strategy", "zh": "观察到的策略"},
    "col.date": {"en": "date", "zh": "日期"},
    "col.type": {"en": "type", "zh": "类型"},
    "col.actors": {"en": "actors", "zh": "行为体"},
    "col.country": {"en": "country", "zh": "国家"},
    "col.year": {"en": "year", "zh": "年份"},
    "col.pollster": {"en": "pollster", "zh": "调查机构"},
    "col.item": {"en": "item", "zh": "题目"},
    "col.value": {"en": "support %", "zh": "支持率 %"},
    "col.count": {"en": "count", "zh": "数量"},
    "col.subject": {"en": "subject", "zh": "对象"},
    "col.unit": {"en": "unit", "zh": "单位"},
    "col.producer": {"en": "producer", "zh": "发布机构"},
    "col.first_year": {"en": "first year", "zh": "起始年"},
    "col.last_year": {"en": "last year", "zh": "截止年"},
    "col.n_points": {"en": "points", "zh": "观测点数"},
    # values
    "multilateral": {"en": "multilateral", "zh": "多边"},
    "bilateral": {"en": "bilateral", "zh": "双边"},
    "fixed": {"en": "fixed", "zh": "固定部署"},
    "non_fixed": {"en": "non-fixed", "zh": "非固定部署"},
    "none": {"en": "none", "zh": "无"},
    "yes": {"en": "yes", "zh": "是"},
    "no": {"en": "no", "zh": "否"},
    "concede": {"en": "concede", "zh": "让步"},
    "concede_punish": {"en": "concede and punish", "zh": "让步并惩罚"},
    "persuade": {"en": "persuade", "zh": "说服"},
    "pressure": {"en": "pressure", "zh": "施压"},
    "undetermined": {"en": "undetermined", "zh": "未定"},
    "open": {"en": "open", "zh": "未决"},
    # titles
    "list.none": {"en": "no {kind} match {filters} (the filters are valid; no record meets them all)",
                  "zh": "没有符合 {filters} 的{kind}（筛选条件有效，但没有记录同时满足）"},
    "timeline.title": {"en": "Timeline of the US extended-deterrence system", "zh": "美国延伸威慑体系大事年表"},
    "summary.title": {"en": "The US extended-deterrence system in the evidence base",
                      "zh": "证据库中的美国延伸威慑体系"},
    "summary.records": {"en": "Records", "zh": "记录"},
    "summary.alliances": {"en": "Alliances by structure", "zh": "按结构划分的同盟"},
    "summary.deployments": {"en": "Hosts of US nuclear deployments by intensity", "zh": "按强度划分的美国核部署东道国"},
    "summary.disputes": {"en": "Deployment disputes and observed US strategies", "zh": "核部署分歧与美国的策略"},
    "summary.mechanisms": {"en": "Consultation mechanisms", "zh": "磋商机制"},
    # the report
    "report.title": {"en": "umbrella — laboratory report", "zh": "umbrella — 实验室报告"},
    "section.evidence": {"en": "Evidence base", "zh": "证据库"},
    "section.theory": {"en": "Theories tested against the cases", "zh": "理论与案例检验"},
    "section.calibration": {"en": "Calibration: what the data say; sensitivity and discovery",
                            "zh": "校准：数据说明了什么；敏感性分析与情景发现"},
    # scenarios report section
    "scenarios.section": {"en": "Regional simulation: the scenario library", "zh": "区域模拟：情景库"},
    "scenarios.intro": {"en": "Every scenario of the library run as an ensemble of {samples} parameter draws (seed "
                              "{seed}); cells give the mean and the 5–95% band in {year}. Differences are paired "
                              "(common random numbers: the same parameter draws in both scenarios).",
                        "zh": "情景库中的每个情景均以{samples}组参数抽样（随机种子{seed}）运行；表中为{year}年的均值"
                              "及5–95%区间。差值为配对比较（两情景使用相同的参数抽样）。"},
    "scenarios.col_scenario": {"en": "scenario", "zh": "情景"},
    "scenarios.col_b": {"en": "B (vs baseline)", "zh": "情景B（对比基线）"},
    "scenarios.diffs_title": {"en": "Paired differences, B − baseline", "zh": "配对差值：B − 基线"},
    # games report section
    "games.section": {"en": "Formal models", "zh": "博弈模型"},
    "games.intro": {"en": "Seed 004's typology formalised as a bargaining game (deployment-bargaining), solved by "
                          "backward induction at the documented defaults, for each cell of Table 1 and for the four "
                          "seed cases.",
                    "zh": "将004号文献的类型学形式化为讨价还价博弈（deployment-bargaining），在文档化的默认参数下"
                          "用逆向归纳求解表1的四个单元格及四个种子案例。"},
    "games.col_table1": {"en": "004 Table 1", "zh": "表1预测"},
    "games.col_equilibrium": {"en": "equilibrium", "zh": "均衡结果"},
    "games.col_case": {"en": "case", "zh": "案例"},
    "games.col_observed": {"en": "observed", "zh": "观察到的"},
    "games.col_model": {"en": "model", "zh": "模型"},
    "games.col_agrees": {"en": "agrees", "zh": "一致"},
    "games.col_prediction": {"en": "prediction", "zh": "预测"},
    "games.col_share": {"en": "share holds", "zh": "成立比例"},
    "games.share_title": {"en": "Share of the declared parameter box where Table 1 holds", "zh": "表1在参数空间中成立的比例"},
    "games.col_conventional": {"en": "conventional", "zh": "常规回应"},
    "games.col_nuclear": {"en": "nuclear", "zh": "核回应"},
    "games.col_deterred": {"en": "deterred", "zh": "对手被慑止"},
    "games.col_assured": {"en": "ally assured", "zh": "盟友获安抚"},
    "games.row_extended": {"en": "extended", "zh": "延伸威慑"},
    "games.row_primary": {"en": "primary", "zh": "基本威慑"},
    "games.credibility_title": {"en": "Credibility of extended deterrence", "zh": "延伸威慑的可信度"},
    "games.healey": {"en": "Healey thresholds", "zh": "希利门槛"},
    "games.threshold": {"en": "challenger challenges below", "zh": "挑战者在以下可信度时发起挑战"},
}

EVENT_TYPES = {
    "policy": "政策", "agreement": "协议", "deployment": "部署", "withdrawal": "撤出", "nuclear_test": "核试验",
    "missile_test": "导弹试射", "crisis": "危机", "election": "选举", "legislation": "立法", "referendum": "公投",
    "statement": "声明", "exercise": "演习", "port_visit": "港口访问", "incident": "事件", "institution": "机制",
    "posture_review": "核态势评估", "sanction": "制裁", "talks": "会谈",
}
for _k, _zh in EVENT_TYPES.items():
    LABELS[f"event.{_k}"] = {"en": _k.replace("_", " "), "zh": _zh}


def t(key: str, lang: str = "en", table: Mapping[str, Mapping[str, str]] | None = None) -> str:
    entry = (table or {}).get(key) or LABELS.get(key)
    if not entry:
        return key.split(".", 1)[-1] if "." in key else key
    return entry.get(lang) or entry.get("en") or key


def both(key: str, table: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, str]:
    """The label in every language of the report: {"en": ..., "zh": ...}."""
    return {lang: t(key, lang, table) for lang in ("en", "zh")}
