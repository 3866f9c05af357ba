"""Named entities without a model."""

from __future__ import annotations

from agent.factcheck.entities import Vocabulary, entities, entity_signal

EVIDENCE = ("The technique, reinforcement learning from human feedback (RLHF), was used by the San Francisco–based "
            "company OpenAI to train GPT-3.5. John Schulman, a cofounder of OpenAI, led the work.")


def test_entities_find_names_products_and_acronyms():
    text = "Within months, Microsoft had invested in OpenAI, and GPT-4 used Reinforcement Learning from Human Feedback (RLHF)."
    assert entities(text) == ["Microsoft", "OpenAI", "GPT-4", "Reinforcement Learning from Human Feedback", "RLHF"]


def test_a_capital_at_a_sentence_start_is_not_a_name():
    assert entities("Investors poured money into startups. Schools adapted.") == []
    assert entities("Testing revealed limits.", names=frozenset({"testing"}), common=frozenset({"testing"})) == []
    assert entities("Google declared a code red.", names=frozenset({"google"})) == ["Google"]
    assert entities('He said "Nobody at Apple knew" to me.') == []  # quotes are checked verbatim instead


def test_entity_signal_accepts_acronyms_expansions_and_possessives():
    assert entity_signal("RLHF trained GPT-3.5 at OpenAI's office in San Francisco.", EVIDENCE).ok
    assert entity_signal("They used Reinforcement Learning from Human Feedback.", EVIDENCE).ok
    assert entity_signal("It was led by John Schulman.", EVIDENCE).ok


def test_entity_signal_reports_names_the_evidence_lacks():
    signal = entity_signal("Sam Altman and Microsoft trained GPT-4 at OpenAI.", EVIDENCE)
    assert signal.missing == ["Sam Altman", "Microsoft", "GPT-4"]


def test_a_full_name_given_in_part_counts_when_the_references_spell_it_out():
    library = Vocabulary("Wales hired Larry Sanger as editor-in-chief. Later Sanger proposed a wiki.")
    evidence = "Later Sanger proposed a wiki."
    assert entity_signal("Larry Sanger proposed a wiki.", evidence, library=library).ok
    assert entity_signal("Larry Sanger proposed a wiki.", evidence).missing == ["Larry Sanger"]
    # a first name the references never give to this surname is still missing
    assert entity_signal("Paul Sanger proposed a wiki.", evidence, library=library).missing == ["Paul Sanger"]


def test_a_country_and_the_adjective_of_its_people_name_the_same_place():
    evidence = "Talks followed in Norway, chaired by Judge Ola Berg, and in Spain."
    assert not entity_signal("The Norwegian talks were chaired by Judge Ola Berg.", evidence).missing
    assert entity_signal("The Swedish talks were chaired by Judge Ola Berg.", evidence).missing == ["Swedish"]
    assert not entity_signal("Norway held talks.", "The Norwegian government held talks.").missing


def test_a_capital_letter_joined_to_a_word_is_no_name():
    assert entities("On 3 May he X-rayed the arm of Nora Vale and wore a T-shirt.") == ["Nora Vale"]
    assert entities("The V-2 and the B-52 flew.") == ["V-2", "B-52"]


def test_a_count_after_a_possessive_is_no_numbered_name():
    assert entities("The Dartmouth's twenty days ran out.", names=frozenset({"dartmouth"})) == ["Dartmouth's"]
    assert entities("Apollo 13 flew.", names=frozenset({"apollo"})) == ["Apollo 13"]


def test_initials_and_accented_capitals_belong_to_the_name():
    assert entities("Ada Vos, J. D. H. Pilkington and two students built the mast.") == ["Ada Vos", "J D H Pilkington"]
    assert entities("The sets were by the painter Léon Bakst and Émile Roux.") == ["Léon Bakst", "Émile Roux"]
    assert not entity_signal("J. D. H. Pilkington built the mast.", "The mast was built by John Pilkington.").missing
    assert entity_signal("In the end they chose Plan A.", "In the end they chose Plan B.").missing == ["Plan A"]
    # a capital letter that ends a sentence is no initial of the next one
    assert entities("They drew up Plan A. Then the rain came.") == ["Plan A"]
