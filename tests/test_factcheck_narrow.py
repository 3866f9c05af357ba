"""What a flagged atom still says without the phrase that holds its flagged value or name."""

from __future__ import annotations

from agent.factcheck.checker import check_text
from agent.factcheck.narrow import remainders
from agent.story.references import Library
from agent.state import Passage, Source


def test_remainders_drop_one_phrase_at_a_time_least_first():
    rest = remainders("On 3 June, led by Ada Byrne and Tom Hale, the miners took the pass within two days.")
    assert rest == sorted(rest, key=len, reverse=True)
    assert "On 3 June, led by Ada Byrne, the miners took the pass within two days." in rest
    assert "On 3 June, the miners took the pass within two days." in rest
    assert "On 3 June, led by Ada Byrne and Tom Hale, the miners took the pass." in rest


def test_a_count_is_dropped_only_after_a_determiner_or_of():
    rest = remainders("The guild set up a board of 12 masons who could close the quarry.")
    assert "The guild set up a board of masons who could close the quarry." in rest
    assert not any("lay feet" in r for r in remainders("At their lowest the mines lay 90 feet below the river bed."))


def test_a_span_in_words_may_go_with_what_it_counts_from():
    rest = remainders("The mill closed a little more than a month later on 3 March.")
    assert "The mill closed on 3 March." in rest
    rest = remainders("The guild had promised a new road, and within days of the vote masons had started on it.")
    assert "The guild had promised a new road, and masons had started on it." in rest


def test_a_relative_clause_may_go():
    assert "The town hired a special coach, with crowds along the road." in remainders(
        "The town hired a special coach that took the northern road, with crowds along the road.")


def test_a_remainder_keeps_enough_of_the_atom():
    assert all(len(r.split()) >= 4 for r in remainders("Kell won, at last, in May."))
    assert remainders("Kell won.") == []


def _library() -> Library:
    text = ("The quarry road was finished in 1871. It ran for about 40 kilometres along the valley, "
            "and the guild set up a board of masons who could close the quarry in a flood.")
    return Library([Passage(id="q.p1", source_id="q", text=text)], [Source(id="q", title="The Quarry Road")])


def test_a_flagged_atom_keeps_its_verdict_and_its_supported_rest_is_reported():
    [check] = check_text("The guild set up a board of 12 masons who could close the quarry in a flood.", _library(), None)
    assert check.verdict != "supported"
    claims = {a.claim: a.verdict for a in check.atoms}
    assert claims["The guild set up a board of 12 masons who could close the quarry in a flood."] != "supported"
    assert claims["The guild set up a board of masons who could close the quarry in a flood."] == "supported"


def test_no_rest_is_added_when_the_rest_is_unsupported_too():
    [check] = check_text("The pirates set up a board of 12 sailors who sank the fleet.", _library(), None)
    assert len(check.atoms) == 1 and check.verdict != "supported"


def test_the_rest_of_an_atom_flagged_for_a_word_the_reason_names():
    library = Library([Passage(id="q.p1", source_id="q", text="Ada Byrne drew its plans in the northern valley in 1869.")],
                      [Source(id="q", title="The Quarry Road")])
    [check] = check_text("Ada Byrne drew the plans in the southern valley.", library, None)
    assert check.verdict == "contradicted"
    assert {a.claim: a.verdict for a in check.atoms} == {
        "Ada Byrne drew the plans in the southern valley.": "contradicted", "Ada Byrne drew the plans.": "supported"}


def test_a_part_may_go_with_every_part_after_it():
    rest = remainders("On 3 June, Hale set off north with Byrne, taking six mules, one cart and a month's flour.")
    assert "On 3 June, Hale set off north with Byrne." in rest


def test_a_list_item_before_the_last_may_go():
    assert "The herders gave them milk and cakes made from millet." in remainders(
        "The herders gave them milk, goat cheese and cakes made from millet.")


def test_a_count_with_what_it_counts_may_go():
    rest = remainders("The canal ran 212 miles from Albany to Buffalo.")
    assert "The canal ran from Albany to Buffalo." in rest
    rest = remainders("In the end the fairs raised about £3 million for the hospital.")
    assert "In the end the fairs raised for the hospital." in rest
    # a count in words may stay beside the figure that goes
    assert "The tunnel ran from Arby to Dale in two roadways." in remainders(
        "The tunnel ran 390 yards from Arby to Dale in two roadways.")
    # of two figures side by side, neither goes alone
    assert not any("Dale," in r for r in remainders("The lens at Arby gave about 1.61 seconds and the plates at Dale "
                                                     "about 1.98, both close to the forecast."))


def test_a_name_joined_by_and_may_go():
    rest = remainders("Ada Byrne and Tom Hale were given the keys because they lived nearest.")
    assert "Ada Byrne were given the keys because they lived nearest." in rest


def test_a_compound_count_a_time_a_date_or_an_ordinal_may_go():
    assert "Berg watched the comet with a telescope a few nights apart." in remainders(
        "Berg watched the comet with a 30-inch telescope a few nights apart.")
    assert "The mail coach left Bath in the morning on 20 May 1827." in remainders(
        "The mail coach left Bath at 5:52 in the morning on 20 May 1827.")
    assert "Farmers digging a new drain near the village found a bronze helmet." in remainders(
        "In June 1799 farmers digging a new drain near the village found a bronze helmet.")
    assert "In 1911 she received the Nobel Prize in Chemistry." in remainders(
        "In 1911 she received the second Nobel Prize in Chemistry.")
    assert "In 1999 the fish was described as a species of its own." in remainders(
        "In 1999 the fish was described as a third species of its own.")
    assert not any("a of" in r for r in remainders("The grant covered about a third of the cost of the ship."))
    # a capital ordinal is a name's
    assert not any("the Round Table" in r for r in remainders("Later in 1931 Ada Lund sailed to London for the First "
                                                              "Round Table Conference."))
    assert "Six carts hauled stores to the camp." in remainders("Six carts hauled some 20 hundredweight of stores to the camp.")
    assert "Holm led with Ada Lund close behind." in remainders(
        "Holm led for more than ten kilometres with Ada Lund close behind.")


def test_a_rest_ends_on_no_preposition():
    rest = remainders("The ferry carried 4,000 passengers in two weeks.")
    assert "The ferry carried 4,000 passengers." in rest
    assert not any(r.endswith(" in.") for r in rest)
