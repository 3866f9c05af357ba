"""The no-model checks: verbatim quotes and polarity."""

from __future__ import annotations

from agent.factcheck.rules import find_quote, negated_stems, polarity_signal, quotes

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


def test_polarity_flags_negation_and_opposite_words():
    assert polarity_signal("Fedus called it a big fundamental advance.", SOURCE).conflicts == ["negation"]
    assert polarity_signal("The first iPhone supported 3G.", "The first iPhone did not support 3G.").conflicts == ["negation"]
    assert polarity_signal("It was never tested.", "It was tested twice.").conflicts == ["negation"]
    assert polarity_signal("Reviews were negative.", "Reviews were positive.").conflicts == ["negative/positive"]
    # a negation in another clause, or words inside a quote, are no conflict
    assert polarity_signal("The switches were designed for 28 volts.",
                           "The switches were designed for 28 volts but had never been upgraded when the ground equipment changed.").ok
    assert not polarity_signal('The telegram ended "home Christmas."', 'The telegram started with "Success" and ended "home Christmas."').conflicts


def test_a_name_right_before_a_negation_is_negated():
    evidence = "Fleming, Florey and Chain shared the Nobel Prize; Heatley was not included."
    assert "heatley" in negated_stems(evidence)
    assert polarity_signal("Heatley shared the Nobel Prize with Fleming and Florey.", evidence).conflicts == ["negation"]
    assert polarity_signal("Chain shared the Nobel Prize with Fleming and Florey.", evidence).conflicts == []


def test_a_negated_name_a_pronoun_goes_on_to_speak_of_stays_asserted():
    evidence = "Marsh never saw the bridge finished. He died in Leeds on 3 May 1881, aged 70."
    assert polarity_signal("Marsh died in Leeds on 3 May 1881.", evidence).conflicts == []
    assert polarity_signal("Marsh saw the bridge finished.", evidence).conflicts == ["negation"]
    assert polarity_signal("Ames died in 1890.", "Ames did not live to see it: she died in 1890.").conflicts == []
    # a pronoun that goes on to deny leaves the name denied
    assert polarity_signal("Marsh saw the bridge.", "Marsh never saw the bridge. He did not return.").conflicts == ["negation"]


def test_an_opposite_outcome_outside_any_antonym_list_conflicts():
    from agent.factcheck.rules import polarity_signal

    assert polarity_signal("The ferry arrived safely in Dover.", "The ferry sank off Dover in a storm.").conflicts == [
        "a good outcome where the evidence tells of a bad one"]
    assert polarity_signal("All of the crew were rescued.", "All of the crew drowned.").conflicts
    assert polarity_signal("The bill was vetoed.", "The bill was approved by the senate.").conflicts
    # both outcomes in the evidence: the rules cannot tell, so no conflict
    assert not polarity_signal("The ferry arrived safely.", "The ferry arrived safely; a second boat sank.").conflicts


def test_outcomes_outside_any_antonym_list():
    assert "a good outcome where the evidence tells of a bad one" in polarity_signal(
        "The crew came through unharmed.", "Two of the crew were badly burned when the engine exploded.").conflicts
    assert polarity_signal("The capsule came down intact.", "The capsule burned up on re-entry.").conflicts
    assert not polarity_signal("The capsule burned up on re-entry.", "The capsule burned up over the ocean.").conflicts


def test_a_no_before_a_noun_denies_its_phrase_not_the_noun():
    evidence = "Vance, at the stern, let sailors aboard when no passengers were waiting, while Holm took passengers only."
    assert not polarity_signal("Holm let only passengers into the boats.", evidence).conflicts
    assert polarity_signal("Passengers were waiting at the stern.", evidence).conflicts == ["negation"]
    # "not" before a verb still denies its object
    assert polarity_signal("The radio reached Lisbon.", "The radio did not reach Lisbon.").conflicts == ["negation"]


def test_a_denying_verb_in_the_evidence_states_a_negated_claim():
    evidence = "After the flood in 1931 the council stopped letting builders put houses on the river bank."
    assert not polarity_signal("After the flood builders could no longer put houses on the river bank.", evidence).conflicts
    assert polarity_signal("Builders could no longer put houses on the hill.", "Builders put houses on the hill.").conflicts


def test_an_outcome_under_a_negation_in_the_claim_is_not_that_outcome():
    evidence = "The award is never given posthumously, and Lund, who had died in 1950, was passed over."
    assert not polarity_signal("Lund was passed over because he was no longer alive.", evidence).conflicts
    assert polarity_signal("Lund was alive when the award was given.", "Lund had died in 1950.").conflicts


def test_a_bad_outcome_the_evidence_denies_is_a_good_one():
    evidence = "The crew came back to the harbour in May. Not one sailor had been lost on the voyage."
    assert not polarity_signal("Every sailor of the crew came home alive.", evidence).conflicts
    assert polarity_signal("Two sailors were lost on the voyage.", evidence).conflicts
    assert polarity_signal("Every sailor came home alive.", "Two sailors were lost on the voyage.").conflicts


def test_times_of_day_directions_and_ranks_are_opposites():
    assert polarity_signal("She first saw the comet on the morning of 3 May.", "On the evening of 3 May she saw the comet.").conflicts
    assert polarity_signal("Vance was the junior officer.", "Vance was the senior officer.").conflicts
    assert polarity_signal("The road ran along the west bank.", "The road ran along the east bank.").conflicts
    assert not polarity_signal("The bridges on the east and west banks opened.", "The east and west bridges opened.").conflicts


def test_one_doer_alone_needs_evidence_that_says_so():
    evidence = "All four of them held the rope as they raised the flag on the ridge."
    assert polarity_signal("Holm alone raised the flag on the ridge.", evidence).conflicts == [
        "one doer alone, where the evidence says no such thing"]
    assert not polarity_signal("Holm raised the flag on the ridge.", evidence).conflicts
    assert not polarity_signal("Holm worked alone for a week.", "For a week Holm worked alone in the hut.").conflicts
    assert not polarity_signal("Holm raised the flag by himself.", "Only Holm raised the flag.").conflicts


def test_little_before_a_noun_is_a_near_negation():
    evidence = "Holm brought his young friend Lund, who had little sailing experience."
    assert polarity_signal("Lund was an experienced sailor.", evidence).conflicts == ["negation"]
    assert not polarity_signal("Lund had little sailing experience.", evidence).conflicts
    # "a little" is some
    assert not polarity_signal("They slept in a little tent.", "They slept in a small tent.").conflicts
    # "little more than", "barely over": a hedged amount, not a denial
    assert not polarity_signal("Holm sailed little more than a month after the storm.",
                               "Holm sailed a little more than a month after the storm.").conflicts
    assert not polarity_signal("The hut stood barely over a mile from the shore.", "The hut stood a mile from the shore.").conflicts
    # "barely two dozen", "scarcely half": a hedged count
    assert not polarity_signal("The party left Tabora with barely two dozen porters.",
                               "The party left Tabora in May with 24 porters.").conflicts
    assert not polarity_signal("The delay came scarcely half from the storm.", "Half the delay came from the storm.").conflicts


def test_a_negation_does_not_deny_words_the_evidence_also_asserts():
    evidence = ("In 1921 Ada Moss, a banker in Lisbon, paid for the first crossing without refuelling between "
                "Lisbon and Recife.")
    assert not polarity_signal("Ada Moss was a banker in Lisbon.", evidence).conflicts
    assert not polarity_signal("Ada Moss paid for the first crossing nonstop between Lisbon and Recife.", evidence).conflicts
    assert polarity_signal("The first crossing refuelled between Lisbon and Recife.", evidence).conflicts == ["negation"]


def test_a_name_before_a_negation_that_goes_on_to_an_assertion_is_not_denied():
    evidence = "Moss had not been at the meeting and had been handed the letter only an hour before."
    assert not polarity_signal("The letter reached Moss only an hour before.", evidence).conflicts
    assert polarity_signal("Moss was at the meeting.", evidence).conflicts == ["negation"]
    assert polarity_signal("Moss signed the letter.", "Vale signed the letter; Moss did not.").conflicts == ["negation"]
    # "did not ... until he beat": what came at last is asserted
    assert not polarity_signal("Moss won the cup in 1931.", "Moss did not win again for ten years, until he won the cup "
                               "in 1931.").conflicts


def test_an_outcome_in_two_words_is_read_as_the_one_word_it_means():
    assert polarity_signal("The council accepted the plan.", "The plan was turned down by the council.").conflicts
    assert polarity_signal("The doctors refused the method.", "The doctors soon took up the method.").conflicts
    assert polarity_signal("Vos had beaten Berg in the election.", "Vos had lost the election of 1901 to Berg.").conflicts
    assert not polarity_signal("The doctors took up the method.", "The doctors adopted the method.").conflicts


def test_rather_than_and_instead_of_deny_what_follows():
    evidence = "The captain decided not to wait for the barge but to row for the lighthouse."
    assert not polarity_signal("The captain chose to row for the lighthouse rather than wait for the barge.", evidence).conflicts
    assert not polarity_signal("The captain rowed for the lighthouse instead of waiting for the barge.",
                               "The captain did not wait for the barge; he rowed for the lighthouse.").conflicts


def test_without_is_said_by_leaving_out_or_omitting():
    assert not polarity_signal("The council reissued the code in 1302 without the tithe clause.",
                               "The council reissued it in 1302, leaving out the tithe clause.").conflicts
    assert not polarity_signal("The council reissued the code in 1302 without the tithe clause.",
                               "The council reissued it in 1302 and omitted the tithe clause.").conflicts
    assert polarity_signal("The council reissued the code in 1302 without the tithe clause.",
                           "The council reissued it in 1302 with the tithe clause.").conflicts


def test_words_of_one_exclusive_set_are_opposites():
    from agent.factcheck.rules import polarity_signal

    assert polarity_signal("The team won the gold medal.", "The team won the silver medal.").conflicts == ["gold/silver"]
    assert polarity_signal("The match was shown in the afternoon.", "The match was shown in the evening.").conflicts
    assert polarity_signal("The council halved his pay.", "The council doubled his pay.").conflicts
    assert polarity_signal("She left in the morning.", "She left in the evening.").conflicts == ["morning/evening"]
    assert not polarity_signal("The team won the gold medal.", "The team won the gold and the silver medal.").conflicts
