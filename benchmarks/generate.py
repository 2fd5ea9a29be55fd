"""A deterministic generator of valid synthetic repositories for benchmarks.

    python -m benchmarks.generate --societies N --years Y --seed S --out DIR

writes DIR/submissions/<id>/{society.yaml,<year>.yaml} (most reports 3–10 KB, about one in
fifty near 50 KB, Chinese text, every area and category present, ids consistent across years)
and, for years after the shipped guidelines, the tree's own year files
DIR/validators/{guidelines,rubrics}/<year>.yaml that carry the last shipped year forward with
shifted windows: `--root DIR` reads them like the shipped ones.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from validators.console import say_usage_in_chinese
from validators.year.guideline import available_years, guideline

FIRST_YEAR = 2017
KINDS = ["学会", "协会", "研究会", "园区科协"]
FIELDS = ["机械工程", "电子学", "中医药", "土木建筑", "生态环境", "农学", "计算机", "材料", "化工", "测绘",
          "气象", "水利", "营养", "心理", "光学", "声学", "园艺", "林学", "药学", "交通"]
WORDS = ["智能制造", "新材料", "绿色发展", "数字经济", "产学研", "科技成果转化", "人才培养", "标准化", "质量提升",
         "创新方法", "知识产权", "科普传播", "乡村振兴", "医疗健康", "轨道交通", "航空航天", "节能减排", "大数据"]
ENTERPRISES = ["科技有限公司", "制造有限公司", "生物医药股份有限公司", "信息技术有限公司", "新材料有限公司"]
COUNTRIES = ["中国", "德国", "日本", "美国", "法国", "英国", "韩国", "新加坡"]


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting every string that YAML 1.2 core would read as another type.

    PyYAML quotes only what its own YAML 1.1 resolver would misread (`0123`, `1:20`, `yes`); the
    project's loader follows YAML 1.2 core, where `1e3`, `+1E3` or `0o17` are numbers. A string
    that either resolver reads as a number, boolean, null or date is written quoted.
    """


# YAML 1.2 core schema (spec 10.3.2), added after PyYAML's 1.1 resolvers: the serializer then
# finds a non-string tag for such a string and the emitter quotes it. Real numbers, booleans and
# nulls are still written plain: the 1.1 resolvers match their text first.
_CORE_1_2 = (
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("bool", r"true|True|TRUE|false|False|FALSE", list("tTfF")),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", list("-+0123456789")),
    ("float", r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)", list("-+.0123456789")),
)
for _tag, _pattern, _first in _CORE_1_2:
    _Dumper.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(f"^(?:{_pattern})$"), _first)


def dump_yaml(data: Any, *, sort_keys: bool = True, width: int = 80) -> str:
    """YAML text whose strings read back as strings under YAML 1.1 and YAML 1.2 core alike."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=sort_keys, width=width)


class _Writer:
    def __init__(self, rnd: random.Random, year: int, tag: str) -> None:
        self.rnd, self.year, self.tag = rnd, year, tag
        rules = guideline(min(year, available_years()[-1]))
        assert rules is not None
        self.rules = rules
        self.start = dt.date(year - 1, 11, 30)

    def phrase(self, n: int = 3) -> str:
        return "".join(self.rnd.sample(WORDS, n))

    def date(self) -> dt.date:
        return self.start + dt.timedelta(days=self.rnd.randint(1, 365))

    def evidence(self, key: str) -> list[str]:
        return [f"https://example.org/{self.year}/{key}"]

    def services(self, n: int) -> list[dict[str, Any]]:
        kinds = self.labels("service_kinds")
        return [{"id": f"svc-{i}", "kind": kinds[i % len(kinds)],
                 "title": f"{self.phrase()}服务", "enterprise": f"成都{self.phrase(1)}{ENTERPRISES[i % 5]}",
                 "district": self.rnd.choice(self.rules.districts), "date": self.date(),
                 "outcome": f"帮助企业解决{self.phrase(2)}难题，推动{self.phrase(2)}",
                 "evidence": self.evidence(f"svc-{i}")} for i in range(n)]

    def labels(self, vocabulary: str) -> list[str]:
        """The year's kinds of a vocabulary, as reports write them."""
        return [k.label for k in self.rules.kinds.vocabulary(vocabulary)]

    def event(self, i: int) -> dict[str, Any]:
        """An event that meets its category's criteria, as the year's data states them."""
        categories = self.rules.kinds.event_categories
        category = categories[i % len(categories)]
        c = category.criteria
        home = self.rules.province(self.rules.home_province)
        others = [p.short for p in self.rules.provinces if p.counts and p != home]
        event: dict[str, Any] = {
            "id": f"evt-{i}", "title": f"{self.year}年{self.phrase()}学术交流会（{self.tag}-{i}）",
            "category": category.label,
            "role": self.rnd.choice(["主办", "承办"]) if c.roles is not None else "协办",
            "date": self.date(), "participants": self.rnd.randint(c.min_participants or 100, 600)}
        if c.main_forum:
            event.update(main_forum=True, sub_forums=self.rnd.randint(c.min_sub_forums or 1, 6), materials=True)
        if c.min_provinces:
            event["speaker_provinces"] = self.rnd.sample(others, c.min_provinces + 1)
        if c.min_countries:
            event["countries"] = self.rnd.sample(COUNTRIES, c.min_countries)
        if c.occasion:
            event["occasion"] = self.rnd.choice(self.rules.popularisation_occasions).name
        event["evidence"] = self.evidence(f"evt-{i}")
        return event

    def research(self, n: int) -> list[dict[str, Any]]:
        out = []
        for i in range(n):
            topics = self.rules.kinds.research_topics[:3]
            forms, types = self.labels("research_forms"), self.labels("achievement_types")
            topic = topics[i % len(topics)]
            # The year in the title: a report of one title in two years is one report, counted once.
            title = f"关于{self.phrase()}的{forms[i % len(forms)]}（{self.tag}-{self.year}-{i}）"
            item: dict[str, Any] = {"id": f"rpt-{self.year}-{i}", "title": title,
                                    "form": forms[i % len(forms)], "topic": topic.label}
            if topic.requires_focus:
                focuses = self.labels("research_focuses")
                item["focus"] = focuses[i % len(focuses)]
            item["achievements"] = [{"type": types[(i + k) % len(types)], "date": self.date(),
                                     "evidence": self.evidence(f"rpt-{i}-{k}")} for k in range(2)]
            out.append(item)
        return out


def _station(sid: str, i: int, established: dt.date, rnd: random.Random, w: _Writer) -> dict[str, Any]:
    levels = w.labels("station_levels")
    # A station keeps its name from year to year, and no two societies' stations share one (the
    # rules warn of a station two societies claim, and refuse one new again under another id).
    name = "".join(random.Random(f"{sid}-station-{i}").sample(WORDS, 2)) + f"学会服务站（{w.tag}-{i}）"
    return {"id": f"station-{i}", "name": name, "level": levels[i % len(levels)],
            "established": established, "industry": rnd.choice(w.rules.industries),
            "partner": f"成都{w.phrase(1)}产业园", "enterprises_served": rnd.randint(2, 40),
            "experts_engaged": rnd.randint(2, 30), "activities": rnd.randint(1, 20),
            "evidence": w.evidence(f"{sid}-station-{i}")}


def report(sid: str, year: int, index: int, societies: list[str], rnd: random.Random,
           large: bool) -> dict[str, Any]:
    w = _Writer(rnd, year, sid.rsplit('-', 1)[-1])
    n_events = 90 if large else rnd.randint(4, 9)
    data: dict[str, Any] = {
        "society": sid, "year": year,
        "innovation": {"enterprise_platform_registered": rnd.random() < 0.8,
                       "senior_experts_total": (total := rnd.randint(10, 80)),
                       "senior_experts_registered": rnd.randint(0, total),
                       "services": w.services(60 if large else rnd.randint(3, 8))},
        "government_functions": {"pilot": False, "functions": [
            {"id": f"fn-{year}-{i}", "title": f"{w.phrase(2)}评估委托（{w.tag}-{i}）", "commissioner": "成都市科学技术局",
             "method": w.labels("function_methods")[i % len(w.labels("function_methods"))], "new": i == 0,
             "amount_wan": float(rnd.randint(5, 80)), "start": dt.date(year, 3, 1),
             "end": dt.date(year, 10, 31), "evidence": w.evidence(f"fn-{i}")}
            for i in range(rnd.randint(0, 3))]},
        "service_stations": [_station(sid, i, dt.date(FIRST_YEAR, 4 + i, 10), rnd, w)
                             for i in range(index % 3)],
        "consortia": [],
        "academic_events": [w.event(i) for i in range(n_events)],
        "research": w.research(25 if large else rnd.randint(1, 3)),
        "major_work": [{"id": f"mw-{i}", "kind": w.labels("major_work_kinds")[(index + i) % len(w.labels("major_work_kinds"))],
                        "title": f"{w.phrase(2)}工作",
                        "date": w.date(), "description": f"组织专家参与{w.phrase(3)}，形成工作成果。",
                        "evidence": w.evidence(f"mw-{i}")} for i in range(rnd.randint(1, 3))],
    }
    group = index // 4  # societies 4k..4k+3 form consortium k, led by the first
    members = [s for s in societies[group * 4:group * 4 + 4] if s != sid]
    if members:
        data["consortia"].append({
            # One name per consortium: two leads of one name are one consortium with two leads.
            "id": f"consortium-{group}", "name": f"成都{WORDS[group % len(WORDS)]}学会联合体"
                                                + (f"（{group // len(WORDS) + 1}）" if group >= len(WORDS) else ""),
            "role": "牵头" if index % 4 == 0 else "参与", "form": w.labels("consortium_forms")[0], "direction": "横向",
            "industry": w.rules.industries[group % len(w.rules.industries)], "members": members,
            "established": dt.date(FIRST_YEAR, 3, 15), "activities": rnd.randint(1, 10),
            "evidence": w.evidence(f"consortium-{group}")})
    return data


def _extra_years(out: Path, years: list[int]) -> None:
    shipped = available_years()
    for year in years:
        if year in shipped:
            continue
        for kind in ("guidelines", "rubrics"):
            folder = out / "validators" / kind
            folder.mkdir(parents=True, exist_ok=True)
            body = {"year": year, "carried_forward_from": shipped[-1],
                    "title": f"{year}年度（基准测试用，沿用{shipped[-1]}年）"}
            if kind == "guidelines":
                body["evaluation_window"] = {"start": dt.date(year - 1, 11, 30),
                                             "deadline": dt.date(year, 11, 30), "note": "基准测试用"}
            else:
                body["id"] = f"bench-{year}"
            (folder / f"{year}.yaml").write_text(dump_yaml(body), "utf-8")


def generate(societies: int, years: int, seed: int, out: Path) -> int:
    """Writes the tree and returns the number of YAML files."""
    rnd = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    ids = [f"society-{i:05d}" for i in range(societies)]
    span = list(range(FIRST_YEAR, FIRST_YEAR + years))
    _extra_years(out, span)
    count = 0
    header = "# 基准测试数据：自动生成的虚构学会（示例），不代表真实情况。\n"
    for index, sid in enumerate(ids):
        folder = out / "submissions" / sid
        folder.mkdir(parents=True)
        profile = {"id": sid, "name": f"成都市{FIELDS[index % len(FIELDS)]}第{index}学会（示例）",
                   "kind": KINDS[index % 4], "discipline": FIELDS[index % len(FIELDS)],
                   "maintainers": [f"maintainer-{index}"], "sample": True}
        (folder / "society.yaml").write_text(header + dump_yaml(profile, sort_keys=False),
                                             "utf-8")
        count += 1
        for year in span:
            data = report(sid, year, index, ids, rnd, large=index % 50 == 7)
            (folder / f"{year}.yaml").write_text(
                header + dump_yaml(data, sort_keys=False, width=200), "utf-8")
            count += 1
    return count


def main() -> None:
    say_usage_in_chinese()
    parser = argparse.ArgumentParser(description="生成用于基准测试的虚构仓库")
    parser.add_argument("--societies", type=int, default=150)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    n = generate(args.societies, args.years, args.seed, args.out)
    print(f"wrote {n} files under {args.out}")


if __name__ == "__main__":
    main()
