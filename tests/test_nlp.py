"""Sentences for summaries: verbatim, inside paragraphs, never cut inside a quotation."""

from generator.analyze import nlp
from generator.model import PARAGRAPH_SEPARATOR


def test_quotation_spans_curly_straight_and_unclosed():
    text = 'He said “yes, we will.” Then "no." And “open' + PARAGRAPH_SEPARATOR + "Next."
    spans = [text[a:b] for a, b in nlp.quotation_spans(text)]
    assert spans == ["“yes, we will.”", '"no."', "“open"]


def test_boundaries_inside_a_quotation_are_merged():
    text = '"Ukraine is strong. Ukraine is fighting," Kuleba said. Lavrov left.'
    # A naive splitter cuts after each full stop, twice inside the quotation.
    cuts = [(0, 19), (20, 54), (55, len(text))]
    sentences = nlp.sentences_from_bounds(text, cuts)
    assert [s.text for s in sentences] == [
        '"Ukraine is strong. Ukraine is fighting," Kuleba said.',
        "Lavrov left.",
    ]


def test_a_closing_quote_split_off_is_joined_back():
    text = "“We are ready.” Kuleba said it twice."
    sentences = nlp.sentences_from_bounds(text, [(0, 14), (14, len(text))])
    assert [s.text for s in sentences] == [text]


def test_punctuation_alone_joins_the_sentence_after_it_in_its_paragraph():
    text = "<!-- a comment -->" + PARAGRAPH_SEPARATOR + "```" + PARAGRAPH_SEPARATOR + "Done."
    sentences = nlp.sentences_from_bounds(text, [(0, 1), (1, 18), (18, 23), (23, len(text))])
    assert [s.text for s in sentences] == ["<!-- a comment -->", "```", "Done."]


def test_sentences_never_cross_paragraphs():
    text = "One two three" + PARAGRAPH_SEPARATOR + "Four five."
    sentences = nlp.sentences_from_bounds(text, [(0, len(text))])
    assert [(s.text, s.paragraph, s.index) for s in sentences] == [
        ("One two three", 0, 0),
        ("Four five.", 1, 1),
    ]


def test_parsed_sentences_are_verbatim_with_offsets(nlp_model):
    body = PARAGRAPH_SEPARATOR.join(
        [
            "The talks in Antalya ended on Thursday. No deal was reached.",
            '"They will continue their aggression. The least of the demands is surrender,"'
            " Kuleba told reporters.",
        ]
    )
    sentences = nlp.sentences(nlp_model(body))
    for s in sentences:
        assert body[s.start : s.end] == s.text
    assert sentences[-1].text.startswith('"They will') and sentences[-1].paragraph == 1
    assert not any(s.text.startswith(("Kuleba", '"The least')) for s in sentences)


def test_word_tokenizer_is_offline_and_keeps_contractions():
    assert nlp.WordTokenizer.to_words("Russia's aim, “de-Nazification” — 24 hours") == (
        "Russia's",
        "aim",
        "de",
        "Nazification",
        "24",
        "hours",
    )


def test_a_parse_is_read_once_and_keeps_the_text_it_was_given(nlp_model):
    bodies = ["Kuleba met Lavrov in Antalya on Thursday.  Talks failed.", "“No,” he said.\n"]
    docs = list(nlp.parse(nlp_model, bodies))
    for body, doc in zip(bodies, docs, strict=True):
        assert nlp.text(doc) == body == doc.text
        assert nlp.tokens(doc) == tuple(doc)
        assert nlp.tokens(doc) is nlp.tokens(doc)  # made once per parse
        assert [(e.start, e.end, e.label_) for e in nlp.ents(doc)] == [
            (e.start, e.end, e.label_) for e in doc.ents
        ]
    fresh = nlp_model(bodies[0])  # not from nlp.parse: the text is built from the tokens
    assert nlp.text(fresh) == bodies[0]


def test_the_parser_never_joins_a_paragraph_to_the_next(nlp_model):
    # A caption without a full stop, then a paragraph: before paragraph starts were marked,
    # spaCy parsed them as one sentence and "Iowa" modified "Minister".
    body = PARAGRAPH_SEPARATOR.join(
        [
            "Strange practice: Charles Manuel listed addresses in the town of Lamoni in"
            " southern Iowa",
            "The Immigration Minister, Philip Ruddock, says the Pacific Solution is working.",
        ]
    )
    doc = nlp_model(body)
    second = body.index("The Immigration")
    assert [s.start_char for s in doc.sents] == [0, second]
    assert all((t.idx < second) == (t.head.idx < second) for t in doc if not t.is_space)


def test_a_single_consonant_before_the_ending_means_the_verb_with_an_e(nlp_model):
    doc = nlp_model("She hoped they staged it. He hopped and was fined, swinging and hoping.")
    lemmas = {t.text: t.lemma_ for t in doc if t.pos_ == "VERB"}
    assert lemmas["hoped"] == lemmas["hoping"] == "hope" and lemmas["hopped"] == "hop"
    assert (lemmas["staged"], lemmas["fined"], lemmas["swinging"]) == ("stage", "fine", "swing")
