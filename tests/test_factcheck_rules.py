"""The no-model checks: verbatim quotes, numbers and dates."""

from __future__ import annotations

from agent.factcheck.rules import date_signal, dates, find_quote, number_signal, numbers, quotes

SOURCE = ("“We didn’t want to oversell it as a big fundamental advance,” says Liam Fedus. "
          "Three months later, it had 100 million users — making it the fastest-growing app. "
          "OpenAI released ChatGPT on November 30, 2022.")


def test_quotes_match_after_normalizing_marks_dashes_and_spaces():
    texts = {"mit.p1": SOURCE}
    assert quotes('Fedus said: "We didn\'t want to   oversell it as a big fundamental advance."') == [
        "We didn't want to oversell it as a big fundamental advance."]
    assert find_quote("We didn't want to oversell it as a big fundamental advance.", texts) == "mit.p1"
    assert find_quote("it had 100 million users - making it", texts) == "mit.p1"
    assert find_quote("We didn't want to oversell it ... advance", texts) == "mit.p1"


def test_altered_or_invented_quotes_are_not_found():
    texts = {"mit.p1": SOURCE}
    assert find_quote("We didn't want to undersell it as a big fundamental advance", texts) is None
    assert find_quote("We knew it wasn't perfect", texts) is None
    assert find_quote("over", texts) is None  # part of a word is not a quote


def test_numbers_normalize_words_scales_and_separators():
    values = lambda text: [(n.value, n.kind) for n in numbers(text)]  # noqa: E731
    assert values("1 million") == values("1,000,000") == values("one million") == values("a million") == [(1e6, "number")]
    assert values("five days") == [(5.0, "number")]
    assert values("twenty-five engineers") == [(25.0, "number")]
    assert values("40% of users and 12 percent") == [(40.0, "percent"), (12.0, "percent")]
    assert values("$1.5 billion") == [(1.5e9, "number")]
    assert values("in 2022, during the 1990s") == [(2022.0, "year"), (1990.0, "decade")]
    assert values("GPT-4 and GPT-3.5") == []  # product names are entities, not quantities
    assert (5e7, "number") in values("$50–100 million")


def test_number_signal_reports_missing_and_conflicting_numbers():
    assert number_signal("Within three months it had 100 million users.", SOURCE).ok
    signal = number_signal("Within five days it had 1 million users.", SOURCE)
    assert signal.missing == ["5", "1 million"]
    assert signal.conflicts == ["5", "1 million"]


def test_dates_need_month_context_and_match_components():
    assert dates("On November 30, 2022, and 5 August 1858, and 2023-03-14") == [(2023, 3, 14), (2022, 11, 30), (1858, 8, 5)]
    assert dates("They may launch in May.") == []
    assert dates("It happened in March.") == [(None, 3, None)]
    assert date_signal("ChatGPT launched on November 30, 2022.", SOURCE).ok
    wrong = date_signal("ChatGPT launched on December 1, 2022.", SOURCE)
    assert wrong.missing == ["2022-12-1"] and wrong.conflicts == ["2022-12-1"]
    assert date_signal("It launched in 2021.", SOURCE).missing == ["2021"]
