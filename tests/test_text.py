"""The one sentence splitter, slugs, stop words and footnote markers."""

from __future__ import annotations

from agent.text import normalize, slugify, split_sentences, strip_footnotes, tokens


def test_titles_and_initials_do_not_end_a_sentence():
    text = ("Dr. Ada Stone met Mr. Ben Hale in St. Louis. They were joined by John F. Kessler and J. R. Moss. "
            "Tank No. 2 held. \"It works,\" she said. It did.")
    assert split_sentences(text) == [
        "Dr. Ada Stone met Mr. Ben Hale in St. Louis.",
        "They were joined by John F. Kessler and J. R. Moss.",
        "Tank No. 2 held.",
        "\"It works,\" she said.",
        "It did.",
    ]


def test_markers_and_closing_quotes_stay_with_their_sentence():
    text = 'The line opened in 1858 [cable.p1]. "We have done it." Then it failed [cable.p2].'
    assert split_sentences(text) == ["The line opened in 1858 [cable.p1].", '"We have done it."', "Then it failed [cable.p2]."]


def test_a_quote_over_several_sentences_is_one_unit():
    assert split_sentences('He wrote: "It is over. We lost." Then he left.') == ['He wrote: "It is over. We lost."', "Then he left."]


def test_a_sentence_may_open_with_an_accented_capital():
    assert split_sentences("They met in 1802. Åsa Berg read the names. É. Lindqvist wrote it down.") == \
        ["They met in 1802.", "Åsa Berg read the names.", "É. Lindqvist wrote it down."]


def test_a_blank_line_ends_a_sentence():
    text = "The harbour works\n\nIn 1902, a year after the storm, the town rebuilt the pier. It opened in May."
    assert split_sentences(text) == ["The harbour works", "In 1902, a year after the storm, the town rebuilt the pier.",
                                     "It opened in May."]
    assert split_sentences(normalize(text))[0] == "The harbour works"
    assert normalize("one\n two\n \n  three") == "one two\n\nthree"


def test_footnote_references_are_dropped():
    assert strip_footnotes("The ship sank in 1912[^1]. Nobody expected it [^note].") == "The ship sank in 1912. Nobody expected it."


def test_slug_tokens_and_normalize():
    assert slugify("Chapter 3: The Long Way Home!") == "chapter-3-the-long-way-home"
    assert tokens("The Ship and the Storm") == ["ship", "storm"]
    assert normalize("“Curly”  — quotes…") == '"Curly" - quotes...'


def test_every_caller_uses_the_one_splitter():
    import agent.factcheck.claims as claims
    import agent.output.export_html as export_html
    import agent.story.chapters as chapters
    import agent.story.references as references

    assert chapters.split_sentences is split_sentences
    assert export_html.split_sentences is split_sentences
    assert references.split_sentences is split_sentences
    assert claims.sentences("Dr. Lee came. He sat.") == ["Dr. Lee came.", "He sat."]


def test_a_company_suffix_ends_a_sentence_before_a_word_that_opens_one():
    text = "Ida Vos ran the firm, Nordic Steel Inc. The mill opened in May. Starrett Bros. Eken built it."
    assert split_sentences(text) == [
        "Ida Vos ran the firm, Nordic Steel Inc.", "The mill opened in May.", "Starrett Bros. Eken built it."]
