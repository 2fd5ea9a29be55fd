"""A new society's year entered through the form as its secretary would (the prose of
`../shared/walkthrough/summary-2018.md`, a fictitious materials society): every entry counted,
the package downloaded and checked. Prints the count; README「在线填报的一次完整填写」quotes it.

Also what a secretary reads on the way: the year's phase before any field, each category's own
clause, no English field name, a consortium picked from the published ones."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from tests.browser.test_form import FormSite, base, form_site  # noqa: F401 (the module's fixtures)
from tests.trees import ROOT, base_tree

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SOCIETY = "cd-demo-materials"
# The day the walk-through is taken: 2018 is in its public notice (the sample calendar).
TODAY = "2026-12-04T10:00:00+08:00"


class Secretary:
    """Does what a person does in the form, and counts it: a typed value, a choice from a list,
    a box ticked, a button pressed are one entry each."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.entries: Counter[str] = Counter()

    def field(self, pointer: str):  # type: ignore[no-untyped-def]
        return self.page.locator(f'[data-pointer="{pointer}"]').first

    def type(self, pointer: str, value: object) -> None:
        self.field(pointer).locator("input, textarea").first.fill(str(value))
        self.entries["typed"] += 1

    def choose(self, pointer: str, label: str) -> None:
        self.field(pointer).locator("select").first.select_option(label=label)
        self.entries["chosen"] += 1

    def tick(self, pointer: str, value: str | None = None) -> None:
        box = self.field(pointer)
        (box.locator(f'input[value="{value}"]') if value else box.locator("input[type=checkbox]").first).check()
        self.entries["ticked"] += 1

    def press(self, locator) -> None:  # type: ignore[no-untyped-def]
        locator.click()
        self.entries["pressed"] += 1

    def add(self, pointer: str) -> None:
        """The list's own 添加 button (not one of its items' own lists)."""
        self.press(self.field(pointer).locator(":scope > .rf-add, :scope > .rf-strings > .rf-add").first)

    def fill(self, pointer: str, values: dict[str, object]) -> None:
        for key, value in values.items():
            where = f"{pointer}/{key}"
            kind = self.field(where).locator("input, select, textarea").first.evaluate("e => e.tagName + e.type")
            if kind.startswith("SELECT"):
                self.choose(where, str(value))
            elif kind.endswith("checkbox"):
                self.tick(where)
            else:
                self.type(where, value)

    @property
    def total(self) -> int:
        return sum(self.entries.values())


def _enter_the_year(s: Secretary) -> None:
    page = s.page
    page.select_option("#rf-new-choice", "__new__")  # not among the registered societies
    page.fill("#rf-new-society", SOCIETY)
    page.select_option("#rf-new-year", "2018")
    s.entries.update(chosen=2, typed=1)
    s.press(page.locator("#rf-start-empty"))
    page.wait_for_selector(".rf-editor .rf-summary")

    s.fill("", {"name": "成都市示例材料学会", "kind": "学会", "discipline": "材料科学"})
    s.add("/maintainers")
    s.type("/maintainers/0", "cd-demo-materials-office")

    # 一、服务企业
    s.tick("/innovation/enterprise_platform_registered")
    s.fill("/innovation", {"senior_experts_total": 40, "senior_experts_registered": 22})
    for i, service in enumerate([
        {"kind": "科技咨询", "title": "碳纤维复合材料成型工艺咨询", "enterprise": "成都示例新材料有限公司",
         "district": "郫都区", "date": "2018-03-12", "outcome": "4 名专家现场咨询，废品率从 8% 降到 3%"},
        {"kind": "创新方法培训", "title": "创新方法（TRIZ）培训", "enterprise": "成都示例涂料有限公司",
         "district": "新都区", "date": "2018-06-05", "outcome": "两天培训技术人员 35 人"},
        {"kind": "科技金融", "title": "对接科技支行办理知识产权质押贷款", "enterprise": "成都示例陶瓷有限公司",
         "district": "温江区", "date": "2018-09-20", "outcome": "获得知识产权质押贷款 300 万元"}]):
        s.add("/innovation/services")
        s.fill(f"/innovation/services/{i}", service)

    # 二、承接政府职能（不是试点学会：默认即“否”）
    s.add("/government_functions/functions")
    s.fill("/government_functions/functions/0", {
        "title": "成都市新材料产业发展年度报告编写", "commissioner": "成都市经济和信息化委员会",
        "method": "委托", "new": True, "amount_wan": 15, "start": "2018-04-01", "end": "2018-10-31"})

    # 三、服务站；四、联合体（从已发布的联合体中选择）
    s.add("/service_stations")
    s.fill("/service_stations/0", {
        "name": "青白江区学会服务站", "level": "省级", "established": "2016-05-01", "industry": "新型材料",
        "partner": "青白江区新材料企业", "enterprises_served": 12, "experts_engaged": 10, "activities": 7})
    s.add("/consortia")
    s.field("/consortia/0").locator(".rf-pick select").select_option("consortium-smart-manufacturing")
    s.entries["chosen"] += 1

    # 五、学术交流
    s.add("/academic_events")
    s.fill("/academic_events/0", {"title": "成都示例材料学会 2018 年学术年会", "category": "综合性学术年会"})
    s.fill("/academic_events/0", {"role": "主办", "date": "2018-10-27", "participants": 210,
                                  "main_forum": True, "sub_forums": 3, "materials": True})
    s.add("/academic_events")
    s.fill("/academic_events/1", {"title": "全国先进陶瓷材料学术研讨会", "category": "全国性学术交流"})
    s.fill("/academic_events/1", {"role": "承办", "date": "2018-07-14", "participants": 160})
    for region in ("北京", "上海", "江苏", "湖南", "陕西", "广东", "湖北"):
        s.tick("/academic_events/1/speaker_provinces", region)
    s.add("/academic_events")
    s.fill("/academic_events/2", {"title": "“走进新材料”公众开放日", "category": "大型社会活动"})
    s.fill("/academic_events/2", {"role": "协办", "date": "2018-05-20", "participants": 400, "occasion": "科技周"})
    s.add("/academic_events")
    s.fill("/academic_events/3", {"title": "青年科技沙龙（第一期）", "category": "其他"})
    s.fill("/academic_events/3", {"role": "主办", "date": "2018-04-21", "participants": 30})
    for n, (name, day) in enumerate((("青年科技沙龙（第二期）", "2018-06-23"), ("青年科技沙龙（第三期）", "2018-09-15"))):
        s.press(s.field(f"/academic_events/{3 + n}").locator(".rf-copy-item"))
        s.fill(f"/academic_events/{4 + n}", {"title": name, "date": day})

    # 六、调研与建言
    s.add("/research")
    s.fill("/research/0", {"title": "关于成都市新材料产业集群发展的建议", "form": "建议",
                           "topic": "国家中心城市", "focus": "西部经济中心"})
    s.add("/research/0/achievements")
    s.fill("/research/0/achievements/0", {"type": "领导签批", "date": "2018-08-16"})

    # 七、参与市科协重大工作
    s.add("/major_work")
    s.fill("/major_work/0", {"kind": "党建", "title": "成立党的工作小组", "date": "2018-06-15",
                             "description": "学会成立党的工作小组，开展组织生活。"})
    s.add("/major_work")
    s.fill("/major_work/1", {"kind": "重大活动", "title": "全国双创活动周成都分会场", "date": "2018-11-10",
                             "description": "组织 5 个项目参展。"})


def test_a_new_society_s_year_through_the_form(browser, form_site: FormSite, tmp_path: Path) -> None:  # noqa: F811
    context = browser.new_context(accept_downloads=True, viewport={"width": 1366, "height": 900},
                                  locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.clock.install(time=TODAY)
    page.goto(form_site.url)
    page.wait_for_selector(".rf-modes")
    s = Secretary(page)
    _enter_the_year(s)
    page.wait_for_timeout(400)

    # Before any field: where 2018 stands today, and what it means for a report sent now: a new
    # society's first report is past the deadline, which the pull request's gate would refuse.
    phase = page.inner_text("#rf-phase")
    assert "2018 年度的评估结果正在公示" in phase
    assert "不能再提交新的 2018 年度报告" in phase
    assert "这份报告不能再提交" in page.inner_text(".rf-summary-head")
    # ...and said again at step 3, where the secretary submits, far below on a long page.
    assert page.inner_text("#rf-output #rf-phase-output") == phase
    # 其他 cites its own clause, 5.5.
    salon = s.field("/academic_events/3").inner_text()
    assert "条款 5.5" in salon
    assert "条款 6：" not in salon
    # No English field name unless asked for (codes, URLs and ids excepted).
    visible = page.inner_text(".rf-editor")
    english = re.findall(r"(?<![A-Za-z0-9_.-])[a-z]+_[a-z_]+(?![A-Za-z0-9_])", visible)
    assert not english, english[:5]
    # The form counts the regions as check does, and every event meets its category.
    panels = page.locator(".rf-criteria").all_inner_texts()
    assert sum("已满足该类别的全部标准" in p for p in panels) == 6, panels

    if shots := os.environ.get("WALKTHROUGH_SHOTS"):  # to look at, as its users do
        for part in ("rf-phase", "rf-area-academic_events", "rf-area-consortia", "rf-output"):
            page.locator(f"#{part}").screenshot(path=f"{shots}/walkthrough-{part}.png")
    with page.expect_download() as info:
        s.press(page.locator("#rf-download-package"))
    root = base_tree(tmp_path / "tree", ("submissions",))
    with zipfile.ZipFile(info.value.path()) as package:
        package.extractall(root / "submissions")
    report = (root / "submissions" / SOCIETY / "2018.yaml").read_text("utf-8")
    assert "生成于 2026-12-04：2018 年度的评估结果正在公示" in report
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "check",
                           f"submissions/{SOCIETY}"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stdout
    assert "W-CONSORTIUM-NO-LEAD" not in done.stdout
    print(f"\nwalk-through of summary-2018: {s.total} entries ({dict(s.entries)}); "
          f"check: {done.stdout.strip().splitlines()[-1]}")
    context.close()
    assert not problems, problems
