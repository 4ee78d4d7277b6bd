"""`eval dates`: reading TimeML, comparing at the gold precision, and the command's output."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import pytest

from generator.analyze import dates
from generator.evaluation import dates as evaluation

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>test</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2022-03-10"
 functionInDocument="CREATION_TIME">03/10/2022</TIMEX3></DCT>
<TEXT>
The ministers <EVENT eid="e1">met</EVENT>
<TIMEX3 tid="t1" type="DATE" value="2022-03-10">Thursday</TIMEX3> in Antalya.
Russia invaded Ukraine on <TIMEX3 tid="t2" type="DATE" value="2022-02-24">Feb. 24</TIMEX3>.
Profits fell in <TIMEX3 tid="t3" type="DATE" value="2021-Q4">the fourth quarter of 2021</TIMEX3> and
talks lasted <TIMEX3 tid="t4" type="DURATION" value="PT1H">an hour</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture
def timebank(tmp_path: Path) -> Path:
    (tmp_path / "doc.tml").write_text(TML, encoding="utf-8")
    return tmp_path


def test_read_tml_offsets_point_at_the_timex_text(timebank: Path) -> None:
    document = evaluation.read_tml(timebank / "doc.tml")
    assert document.created == dt.date(2022, 3, 10)
    assert [t.value for t in document.timexes] == ["2022-03-10", "2022-02-24", "2021-Q4"]
    for timex in document.timexes:  # DURATION and the DCT are not scored
        assert document.text[timex.start : timex.end] == timex.text


@pytest.mark.parametrize(
    ("ours", "gold", "expected"),
    [
        (dates.day(dt.date(2022, 3, 10)), "2022-03-10", True),
        (dates.day(dt.date(2022, 3, 10)), "2022-03", True),  # finer than gold: compared at month
        (dates.month(2022, 3), "2022-03-10", False),  # coarser than gold: wrong
        (dates.day(dt.date(2022, 3, 10)), "2022-Q1", True),
        (dates.day(dt.date(2022, 3, 10)), "2022-W10", True),
        (dates.day(dt.date(2022, 3, 10)), "2022-WXX", True),  # X matches any digit
        (dates.year(2022), "202", True),
        (dates.ref("PAST"), "PAST_REF", True),
        (dates.ref("PAST"), "2022", False),
        (dates.UNRESOLVED, "2022", False),
    ],
)
def test_compared_at_the_gold_precision(ours, gold: str, expected: bool) -> None:
    assert evaluation.correct(ours, gold) is expected


def test_run_prints_json_with_accuracy_and_baseline(timebank: Path, capsys) -> None:
    parser = argparse.ArgumentParser()
    evaluation.configure(parser)
    assert evaluation.run(parser.parse_args(["--timebank", str(timebank), "--json"])) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["timexes"] == 3
    assert figures["accuracy"] == 1.0
    # dateparser alone puts "Thursday" a week early and cannot read quarters
    assert figures["baseline_dateparser"] < figures["accuracy"]


def test_run_reports_a_missing_folder(tmp_path: Path, capsys) -> None:
    parser = argparse.ArgumentParser()
    evaluation.configure(parser)
    assert evaluation.run(parser.parse_args(["--timebank", str(tmp_path / "none")])) == 2
    assert "no .tml files" in capsys.readouterr().err
