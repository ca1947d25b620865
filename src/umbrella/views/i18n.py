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
    "concede": {"en": "concede", "zh": "让步"},
    "concede_punish": {"en": "concede and punish", "zh": "让步并惩罚"},
    "persuade": {"en": "persuade", "zh": "说服"},
    "pressure": {"en": "pressure", "zh": "施压"},
    "undetermined": {"en": "undetermined", "zh": "未定"},
    "open": {"en": "open", "zh": "未决"},
    # titles
    "timeline.title": {"en": "Timeline of the US extended-deterrence system", "zh": "美国延伸威慑体系大事年表"},
    "summary.title": {"en": "The US extended-deterrence system in the evidence base",
                      "zh": "证据库中的美国延伸威慑体系"},
    "summary.records": {"en": "Records", "zh": "记录"},
    "summary.alliances": {"en": "Alliances by structure", "zh": "按结构划分的同盟"},
    "summary.deployments": {"en": "Hosts of US nuclear deployments by intensity", "zh": "按强度划分的美国核部署东道国"},
    "summary.disputes": {"en": "Deployment disputes and observed US strategies", "zh": "核部署分歧与美国的策略"},
    "summary.mechanisms": {"en": "Consultation mechanisms", "zh": "磋商机制"},
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
