"""Quotations and their speakers, in the shapes news writes them."""

from generator.analyze import nlp
from generator.analyze.mentions import people_in_article
from generator.analyze.quotes import find_quotes


def quotes_of(nlp_model, body: str):
    doc = nlp_model(body)
    sentences = nlp.sentences(doc)
    people = people_in_article(doc, sentences)
    found = find_quotes(doc, sentences, people)
    for quote in found:  # verbatim: the text is exactly the body between the offsets
        assert body[quote.start : quote.end] == quote.text
    return [(q.text, q.speaker) for q in found]


def test_speaker_after_the_quotation(nlp_model):
    body = (
        "Dmytro Kuleba met reporters on Thursday.\n\n"
        "“They will continue their aggression until Ukraine meets their demands,” "
        "Kuleba said."
    )
    assert quotes_of(nlp_model, body) == [
        ("They will continue their aggression until Ukraine meets their demands", "Dmytro Kuleba")
    ]


def test_speaker_before_the_quotation_with_a_colon(nlp_model):
    body = 'Sergey Lavrov said: "We do not plan to attack other countries."'
    assert quotes_of(nlp_model, body) == [
        ("We do not plan to attack other countries.", "Sergey Lavrov")
    ]


def test_pronoun_is_the_last_person_named_as_a_subject(nlp_model):
    body = (
        "Sergey Lavrov took questions from journalists for an hour. "
        "He criticised a reporter. "
        'Asked about the war, he said: "We do not plan to attack other countries."'
    )
    assert quotes_of(nlp_model, body) == [
        ("We do not plan to attack other countries.", "Sergey Lavrov")
    ]


def test_apposition_names_the_speaker(nlp_model):
    body = (
        "Sergey Lavrov spoke first. "
        'Lavrov "came to talk but not to decide," his counterpart, Ukraine\'s Foreign '
        "Minister Dmytro Kuleba, told Turkish television."
    )
    assert quotes_of(nlp_model, body) == [("came to talk but not to decide", "Dmytro Kuleba")]


def test_multi_sentence_quotation_and_definite_description(nlp_model):
    body = (
        "Mevlut Cavusoglu chaired the meeting.\n\n"
        '"No miracles should be expected in just one meeting," the Turkish diplomat added. '
        '"This political-level meeting is an important beginning."'
    )
    # "the Turkish diplomat" refers back only to an earlier quotation's speaker in the same
    # paragraph; with none, it stays unattributed, and so does the quotation that follows
    assert quotes_of(nlp_model, body) == [
        ("No miracles should be expected in just one meeting", None),
        ("This political-level meeting is an important beginning.", None),
    ]
    body = (
        '"The meeting was extremely civilized and calm," Mevlut Cavusoglu said. '
        '"No miracles should be expected in just one meeting," the Turkish diplomat added. '
        '"This political-level meeting is an important beginning."'
    )
    assert [speaker for _, speaker in quotes_of(nlp_model, body)] == ["Mevlut Cavusoglu"] * 3


def test_unresolvable_speaker_is_left_unattributed(nlp_model):
    body = '"It is over," a source said. "We are done," he said.'
    assert quotes_of(nlp_model, body) == [("It is over", None), ("We are done", None)]


def test_single_quoted_words_are_not_quotations(nlp_model):
    body = 'Sergey Lavrov said reports of Russian actions were "fakes" on Thursday.'
    assert quotes_of(nlp_model, body) == []


def test_nested_single_quotes_are_kept_whole(nlp_model):
    body = "In mentioning \"demilitarization and 'de-Nazification,' \" Sergey Lavrov said more."
    assert [text for text, _ in quotes_of(nlp_model, body)] == [
        "demilitarization and 'de-Nazification,'"
    ]
