"""Plain text as wire services and e-mail deliver it: hard-wrapped lines are re-joined into
paragraphs, and no line of the input is ever lost."""

from __future__ import annotations

import re
import textwrap
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.read import parse

WIRE = """\
WASHINGTON (AP) -- President Bill Clinton met with Prime
Minister Tony Blair at the White House on Monday to discuss
the peace process in Northern Ireland, officials said. The
two leaders spoke for an hour and agreed to press both sides
to return to the talks before the end of the month.

Blair told reporters that the talks would resume. "We are
close," he said, adding that much work remained to be done
before any agreement could be signed in Belfast.
"""


def read(text: str, name: str = "wire.txt"):
    problems: list = []
    return parse(text, name, problems), problems


def test_a_hard_wrapped_story_keeps_its_first_line_and_whole_sentences():
    article, problems = read(WIRE)
    assert article.dateline == "WASHINGTON (AP)"
    assert article.paragraphs[0].startswith("President Bill Clinton met with")
    assert "Prime Minister Tony Blair at the White House" in article.paragraphs[0]
    assert len(article.paragraphs) == 2
    assert article.title_derived  # no headline line: none was taken from the text
    assert any("hard-wrapped at 60 columns" in p.message and p.severity == "note" for p in problems)


def test_a_headline_above_wrapped_text_is_the_title():
    article, _ = read("Clinton and Blair discuss Ulster peace\n" + WIRE)
    assert article.title == "Clinton and Blair discuss Ulster peace"
    assert article.paragraphs[0].startswith("President Bill Clinton")


def test_indented_lines_start_paragraphs():
    text = "\n".join(
        ["  " + line if i in (0, 6) else line for i, line in enumerate(WIRE.split("\n")) if line]
    )
    article, _ = read(text)
    assert len(article.paragraphs) == 2
    assert article.paragraphs[1].startswith("Blair told")


def test_one_paragraph_a_line_is_left_as_it_is():
    text = (
        "The ministers met in Antalya on Thursday and failed to agree on a cease-fire, "
        "officials said after the talks.\n"
        "Kuleba said he had asked for a humanitarian corridor from Mariupol, and was refused.\n"
        "Lavrov said Russia had not attacked Ukraine, a claim the evidence contradicts.\n"
        "The talks were the first at this level since the invasion began two weeks ago.\n"
    )
    article, problems = read(text)
    assert len(article.paragraphs) == 4
    assert not any("hard-wrapped" in p.message for p in problems)


_WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789'-\"", min_size=1, max_size=12
)
_SENTENCE = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(_WORD, min_size=1, max_size=25),
    st.sampled_from([".", "?", "!", "", '."', ","]),
)
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(
    headline=st.one_of(st.none(), st.lists(_WORD, min_size=1, max_size=10).map(" ".join)),
    paragraphs=st.lists(_PARAGRAPH, min_size=1, max_size=6),
    width=st.one_of(st.none(), st.integers(min_value=30, max_value=90)),
    separator=st.sampled_from(["\n\n", "\n", "\n  "]),
)
def test_no_word_of_any_line_is_lost(headline, paragraphs, width, separator):
    """Every word of the input is in the title, the dateline or the body, wrapped or not."""
    if width is None:
        blocks = paragraphs
    else:
        blocks = ["\n".join(textwrap.wrap(p, width, break_long_words=False)) for p in paragraphs]
    text = separator.join(blocks)
    if headline is not None:
        text = headline + "\n" + text
    article, _ = read(text)

    def words(part: str) -> Counter[str]:
        return Counter(re.findall(r"\w+", part))

    found = words(article.title) + words(" ".join(article.paragraphs))
    found += words(article.dateline or "")
    missing = words(text) - found
    assert not missing, (missing, article.title, article.paragraphs)


@pytest.mark.parametrize(
    ("first", "dateline", "rest"),
    [
        (
            "ROME, March 3 (Reuters) - Italy said on Friday it would act.",
            "ROME, March 3 (Reuters)",
            "Italy said on Friday it would act.",
        ),
        (
            "O SMACH, Cambodia (AP) _ The top commander surrendered.",
            "O SMACH, Cambodia (AP)",
            "The top commander surrendered.",
        ),
        (
            "ADDIS ABABA, Ethiopia (AP)_ The OAU said on Friday.",
            "ADDIS ABABA, Ethiopia (AP)",
            "The OAU said on Friday.",
        ),
        ("AA-0 units were sold on Friday.", None, "AA-0 units were sold on Friday."),
        (
            "NASA - the agency said on Friday it would act.",
            None,
            "NASA - the agency said on Friday it would act.",
        ),
        (
            "The talks ended on Thursday without a deal.",
            None,
            "The talks ended on Thursday without a deal.",
        ),
    ],
)
def test_a_dateline_is_the_articles_dateline_not_a_sentence(first, dateline, rest):
    article, _ = read(f"{first}\nThe second paragraph follows here.\n")
    assert article.dateline == dateline
    assert article.paragraphs[0] == rest


def test_a_dateline_alone_on_its_line_is_not_a_paragraph():
    article, _ = read(
        "WASHINGTON --\nFormer Rep. John Smith said on Monday he would run.\n"
        "He made the announcement in Ohio.\n"
    )
    assert article.dateline == "WASHINGTON"
    assert article.paragraphs[0].startswith("Former Rep. John Smith")


def test_the_article_page_shows_the_dateline(tmp_path):
    from conftest import settings_for

    from generator import build

    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "wire.txt").write_text(
        "Clinton and Blair discuss Ulster peace\n" + WIRE, encoding="utf-8"
    )
    page = build.generate(settings_for(tmp_path)).pages["articles/wire.md"]
    assert "**Dateline:** WASHINGTON (AP)" in page
    assert "WASHINGTON (AP) --" not in page  # not in the text as a sentence either
