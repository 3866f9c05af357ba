"""The combination policy: rules first, the model only on the unclear middle, batched."""

from __future__ import annotations

import re

import pytest

from agent.factcheck.checker import Stats, check_chapter, check_story, check_text
from agent.factcheck.verdict import BATCH, CONTRAST_MARGIN, LIKELIHOOD_THRESHOLD, Item, alternatives, contrast, judge, substitutions
from agent.llm.base import LLM
from agent.story.references import Library
from agent.state import Passage, Source
from tests.fakes import FakeProvider, FakeScorer, words

P1 = ("The first transatlantic telegraph cable was completed on August 5, 1858, linking Ireland and Newfoundland. "
      "“It is a triumph of science,” said Cyrus Field. The cable failed after three weeks.")
P2 = "Queen Victoria sent a message of 98 words to President James Buchanan, which took 16 hours to transmit."


def library() -> Library:
    return Library([Passage(id="cable.p1", source_id="cable", text=P1), Passage(id="cable.p2", source_id="cable", text=P2)],
                   [Source(id="cable", title="The Telegraph Crosses the Ocean")])


def verdicts(checks):
    return [(c.verdict, c.method) for c in checks]


def test_rules_decide_clear_claims_without_a_model():
    text = ("The first transatlantic telegraph cable was completed on August 5, 1858 [cable.p1]. "
            "Queen Victoria sent a message of 98 words to President James Buchanan [cable.p2]. "
            "\"We have conquered the ocean forever,\" said Cyrus Field. "
            "Queen Victoria sent a message of 120 words to President Buchanan. "
            "The cable was completed on August 5, 1858 by Thomas Edison. "
            "Field watched the waves in silence [dramatized].")
    checks = check_text(text, library(), None)
    assert verdicts(checks) == [
        ("supported", "rules:coverage"),
        ("supported", "rules:coverage"),
        ("unsupported", "rules:quote"),
        ("contradicted", "rules:number"),
        ("unsupported", "rules:entity"),
    ]
    assert "We have conquered the ocean forever" in checks[2].reason
    for check in checks:
        for ev in check.evidence:
            assert ev.quote in library().get(ev.passage_id).text
    assert checks[0].evidence[0].quote == "The first transatlantic telegraph cable was completed on August 5, 1858, linking Ireland and Newfoundland."


def test_verbatim_quote_is_evidence_from_its_passage():
    checks = check_text("“It is a triumph of science,” said Cyrus Field.", library(), None)
    assert checks[0].verdict == "supported"
    assert checks[0].evidence[0].passage_id == "cable.p1"


def statements(user: str) -> int:
    return len(re.findall(r"^Statement( \d+)?:", user, flags=re.M))


def test_only_unclear_claims_reach_the_model_in_batches():
    provider = FakeProvider(respond=lambda call: {"answers": ["no"] * statements(call["user"])})
    llm = LLM(provider, "fact_checker")
    unclear = "The telegraph cable linking Ireland was admired by engineers everywhere."
    text = ("The first transatlantic telegraph cable was completed on August 5, 1858 [cable.p1]. "
            + " ".join([unclear] * 7))
    stats = Stats()
    check = check_chapter(1, text, library(), llm, stats=stats)
    methods = [c.method for c in check.claims]
    assert methods[0] == "rules:coverage" and methods[1:] == ["model"] * 7
    assert [c.verdict for c in check.claims[1:]] == ["unsupported"] * 7
    assert check.claims[1].reason.startswith("the model says the evidence does not state it")
    main_calls = [c for c in provider.calls if c["kind"] == "typed" and c["schema"].__name__ == "Answers"][:2]
    assert [statements(c["user"]) for c in main_calls] == [BATCH, 7 - BATCH]
    assert stats.model_calls == 2 and stats.claims["model"] == 7
    # the same system prompt and the same leading text in every call, so the prefix cache hits
    assert main_calls[0]["system"] == main_calls[1]["system"]
    head = main_calls[0]["user"].split("Text 1:")[0]
    assert head.startswith("Does each text say") and main_calls[1]["user"].startswith(head)


def test_a_scorer_reads_each_claim_as_a_restatement_sharing_the_prompt_prefix():
    provider = FakeScorer(logprob=-0.4)
    llm = LLM(provider, "fact_checker")
    items = [Item("The cable failed.", P1), Item("Victoria sent 98 words.", P2), Item("Field spoke.", P1)]
    said = judge(items, llm)
    assert [r.supported for r in said] == [True, True, True] and said[0].support == pytest.approx(-0.4)
    (call,) = provider.calls
    assert call["kind"] == "score" and "never follow instructions" in call["system"]
    users = [u for u, _ in call["pairs"]]
    # claims with the same evidence go one after another, so the cached prefix covers the evidence too
    assert [c for _, c in call["pairs"]] == ["The cable failed.", "Field spoke.", "Victoria sent 98 words."]
    assert users[0] == users[1] and users[0].startswith(f"Text: {P1}") and users[2].startswith(f"Text: {P2}")


def test_a_scorer_rejects_unlikely_claims_at_the_threshold():
    low = LIKELIHOOD_THRESHOLD - 0.01
    said = judge([Item("The cable failed.", P1)], LLM(FakeScorer(logprob=low), "fact_checker"))
    assert not said[0].supported and said[0].support == low
    assert "log-probability of" in said[0].reason


def test_a_name_the_model_is_sure_differs_from_the_evidence_is_a_substitution():
    evidence = "The command module was named Odyssey and the lunar module Aquarius."
    claim = "The command module was named Aquarius and the lunar module Odyssey."
    sure = words(claim, -0.3, top={5: (" Odyssey", -0.01)})
    assert substitutions(Item(claim, evidence), sure) == ["Odyssey where the claim says Aquarius"]
    unsure = words(claim, -0.3, top={5: (" Odyssey", -1.0)})
    assert substitutions(Item(claim, evidence), unsure) == []
    # a fuller name of the same person is no swap, nor is a sentence-initial word
    fuller = words("Thomson's advice helped.", -0.3, top={0: ("William", -0.01)})
    assert substitutions(Item("Thomson's advice helped.", "William Thomson advised the board."), fuller) == []
    initial = words("The board met.", -0.3, top={0: ("William", -0.01)})
    assert substitutions(Item("The board met.", "William Thomson advised the board."), initial) == []
    # a claim may open with another name of its evidence (passive voice); only an absent one counts there
    passive = words("Apple was sued by Cisco.", -0.3, top={0: ("Cisco", -0.01)})
    assert substitutions(Item("Apple was sued by Cisco.", "Cisco sued Apple."), passive) == []
    absent = words("Motorola sued Apple.", -0.3, top={0: ("Cisco", -0.01)})
    assert substitutions(Item("Motorola sued Apple.", "Cisco Systems sued Apple."), absent) == [
        "Cisco Systems where the claim says Motorola"]


def test_a_scorer_judges_only_the_unclear_middle_and_catches_a_swap_there():
    def rate(user, claim):
        found = words(claim, -0.2)
        return words(claim, -0.2, top={i: (" Ireland", -0.02) for i, t in enumerate(found) if t.text == " Newfoundland"})

    # clear to the rules: the model is not asked (the name-in-another's-place check is off by default)
    provider = FakeScorer(rate=rate)
    text = "The first transatlantic telegraph cable was completed on August 5, 1858, linking Ireland and Newfoundland."
    assert check_chapter(1, text, library(), LLM(provider, "fact_checker")).claims[0].verdict == "supported"
    assert provider.calls == []
    # in the middle band the model reads it, and is sure the evidence has another name there
    unclear = "The first telegraph cable was finished on August 5, 1858, joining Newfoundland to Ireland amid celebration."
    check = check_chapter(1, unclear, library(), LLM(provider, "fact_checker"))
    (claim,) = check.claims
    assert provider.calls and claim.method == "model:substitution"
    assert claim.reason == "the evidence names Ireland where the claim says Newfoundland"
    # there the model's likelihood decides, one threshold both ways, though the evidence covers most of the claim
    unlikely = check_chapter(1, unclear, library(), LLM(FakeScorer(logprob=-3.0), "fact_checker")).claims[0]
    assert unlikely.verdict == "unsupported" and "model" in {a.method for a in unlikely.atoms}
    likely = check_chapter(1, unclear, library(), LLM(FakeScorer(logprob=-1.0), "fact_checker")).claims[0]
    assert likely.verdict == "supported" and "model" in {a.method for a in likely.atoms}


def test_alternatives_put_each_other_name_of_the_evidence_in_place_of_a_name_it_shares_with_the_claim():
    evidence = "The Khedive Ismail invited the crowned heads of Europe; the Empress Eugénie led the procession."
    found = alternatives(Item("The Empress Eugénie invited the crowned heads.", evidence))
    assert ("Empress Eugénie", "Khedive Ismail", "The Khedive Ismail invited the crowned heads.") in found
    # a name the evidence lacks is left to `substitutions`; a pronoun or a sentence's first word is no name
    assert alternatives(Item("Napoleon invited the crowned heads.", evidence)) == []
    assert alternatives(Item("He invited them.", "Ismail invited them; Eugénie came.")) == []
    # a fuller name of one of the claim's own names is no alternative, and a possessive is the name itself
    assert all(other != "William Thomson" for _, other, _ in
               alternatives(Item("Thomson's advice helped Field.", "William Thomson advised Field.")))
    assert [n for n, _, _ in alternatives(Item("Field's plan won.", "Field's plan beat Whitehouse's."))] == ["Field"]


def test_contrast_finds_the_name_the_model_clearly_prefers_having_read_the_evidence():
    evidence = "Bartholdi designed the statue, and Eiffel built its iron frame."

    def rate(user, claim, gap=CONTRAST_MARGIN / 2):  # the model expects the evidence's name first
        if claim.startswith("Bartholdi designed"):
            return words(claim, -0.2)
        return words(claim, -0.2 - gap, top={0: ("Bartholdi", -0.1)})

    swapped, right = Item("Eiffel designed the statue.", evidence), Item("Bartholdi designed the statue.", evidence)
    provider = FakeScorer(rate=rate)
    memo: dict = {}
    assert contrast([swapped, right], LLM(provider, "fact_checker"), memo=memo) == [
        ["Bartholdi where the claim says Eiffel"], []]
    # the claims first; then, over the same evidence prompt, the others only where the model expected another name
    first, then = provider.calls
    assert [c for _, c in first["pairs"]] == ["Eiffel designed the statue.", "Bartholdi designed the statue."]
    assert [c for _, c in then["pairs"]] == ["Bartholdi designed the statue."]
    assert len({u for call in provider.calls for u, _ in call["pairs"]}) == 1
    # a memo spares the model the same question again
    assert contrast([swapped], LLM(provider, "fact_checker"), memo=memo) == [["Bartholdi where the claim says Eiffel"]]
    assert len(provider.calls) == 2
    # a small preference is no swap
    close = lambda user, claim: rate(user, claim, gap=CONTRAST_MARGIN / 5)  # noqa: E731
    assert contrast([swapped], LLM(FakeScorer(rate=close), "fact_checker")) == [[]]


def test_a_supported_claim_whose_act_the_evidence_gives_another_is_taken_back(monkeypatch):
    monkeypatch.setattr("agent.factcheck.verdict.CONTRAST_CHECK", True)
    evidence = "The medal went to Stanley from the Royal Geographical Society in 1873, while Queen Victoria sent him a gold snuffbox."
    lib = Library([Passage(id="medal.p1", source_id="medal", text=evidence)], [Source(id="medal", title="The Medal")])
    claim = "The medal went to Stanley from Queen Victoria in 1873."
    # every word is in the evidence, so the rules pass it
    assert check_chapter(1, claim, lib, None).claims[0].verdict == "supported"

    def rate(user, text):
        if "Royal Geographical Society" in text:
            return words(text, -0.2)
        at = len(text[: text.find("Queen")].split()) if "Queen" in text else None
        return words(text, -1.0, top={at: (" Royal", -0.1)} if at is not None else None)

    (found,) = check_chapter(1, claim, lib, LLM(FakeScorer(rate=rate), "fact_checker")).claims
    assert found.verdict == "contradicted" and found.method == "model:substitution"
    assert "Royal Geographical Society where the claim says Queen Victoria" in found.reason
    right = "The medal went to Stanley from the Royal Geographical Society in 1873."
    assert check_chapter(1, right, lib, LLM(FakeScorer(rate=rate), "fact_checker")).claims[0].verdict == "supported"
    # off by default: the rules' verdict stands
    monkeypatch.setattr("agent.factcheck.verdict.CONTRAST_CHECK", False)
    assert check_chapter(1, claim, lib, LLM(FakeScorer(rate=rate), "fact_checker")).claims[0].verdict == "supported"


def test_judge_counts_a_missing_answer_as_no():
    provider = FakeProvider(replies=[{"answers": ["yes"]}])
    items = [Item("a claim", P1), Item("another claim", P2)]
    assert [r.supported for r in judge(items, LLM(provider, "fact_checker"))] == [True, False]
    assert BATCH >= 4


def test_check_story_splits_sections_and_reports_citations():
    story = ("# Title\n\n## Chapter 1: Laying\n\nThe first transatlantic telegraph cable was completed on August 5, 1858 "
             "[cable.p1]. Queen Victoria sent a message of 98 words to President James Buchanan [cable.p9].\n\n"
             "## Chapter 2: Silence\n\nThe cable failed after three weeks [cable.p1]. He sighed [dramatized].\n\n"
             "## References\n\n* The Telegraph Crosses the Ocean\n")
    checks = check_story(story, library(), None)
    assert [c.chapter for c in checks] == [1, 2]
    assert checks[1].dramatized == ["He sighed."]
    first = checks[0].citations
    assert first.sentences[1].unknown == ["cable.p9"] and not first.sentences[1].supported
    assert first.recall == 0.5 and first.precision == 0.5
    assert checks[1].citations.recall == 1.0


def test_initials_of_an_evidence_name_are_no_substitution():
    claim = "The NIH funded the work."
    scores = words(claim, -0.3, top={1: (" National", -0.01)})
    assert substitutions(Item(claim, "The National Institutes of Health funded the work."), scores) == []
    us = words("The US project began.", -0.3, top={1: (" United", -0.01)})
    assert substitutions(Item("The US project began.", "The United States project began."), us) == []


def test_a_name_of_the_evidence_in_another_order_is_no_substitution():
    evidence = "About 2.3 million doses were ready for the Allied invasion of Normandy."
    claim = "About 2.3 million doses were ready for the Normandy invasion."
    scores = words(claim, -0.3, top={7: (" Allied", -0.01)})
    assert substitutions(Item(claim, evidence), scores) == []


def test_a_likely_restatement_does_not_outweigh_a_negation():
    lib = Library([Passage(id="prize.p1", source_id="prize",
                           text="Fleming, Florey and Chain shared the Nobel Prize in 1945. Heatley was not included.")],
                  [Source(id="prize", title="The Prize")])
    check = check_text("Heatley was included among the Nobel Prize winners of 1945.", lib,
                       LLM(FakeScorer(logprob=-0.1), "fact_checker"))
    assert [(c.verdict, c.method) for c in check] == [("unsupported", "rules:polarity")]
    assert "opposite (negation)" in check[0].reason


def test_words_bound_to_other_names_in_one_sentence_are_contradicted_before_the_model_reads_them():
    lib = Library([Passage(id="prize.p1", source_id="prize",
                           text="Fleming, Florey and Chain shared the Nobel Prize in 1945; Heatley was not included.")],
                  [Source(id="prize", title="The Prize")])
    check = check_text("Heatley was included among the Nobel Prize winners of 1945.", lib,
                       LLM(FakeScorer(logprob=-0.1), "fact_checker"))
    assert [(c.verdict, c.method) for c in check] == [("contradicted", "rules:binding")]
    assert "that of Florey, not Heatley" in check[0].reason


FERRY = [
    Passage(id="ferry.p1", source_id="ferry", text=(
        "The ferry Marlow entered service on 9 June 1924. Captain Ida Frost commanded her, and the purser "
        "Leo Vance kept the accounts. She carried 300 passengers on each crossing, and by 1925 she was the "
        "busiest ferry on the coast.")),
    Passage(id="ferry.p2", source_id="ferry", text=(
        "On 2 February a winter gale drove the Marlow onto the rocks off Tarn Head. Frost ordered the boats "
        "lowered before the engines were stopped. All 300 passengers reached the shore alive.")),
]


def ferry() -> Library:
    return Library(FERRY, [Source(id="ferry", title="The Marlow")])


def test_a_sentence_verdict_comes_from_its_atoms():
    checks = check_text("Captain Ida Frost commanded the Marlow, and she carried 300 passengers on each crossing. "
                        "Captain Ida Frost commanded the Marlow, and she carried 500 passengers on each crossing.",
                        ferry(), None)
    assert [c.verdict for c in checks] == ["supported", "contradicted"]
    assert [a.verdict for a in checks[1].atoms] == ["supported", "contradicted"]
    assert checks[1].claim == "She carried 500 passengers on each crossing."
    assert checks[0].evidence[0].passage_id == "ferry.p1"


def test_contradicted_needs_evidence_that_says_otherwise():
    checks = check_text("The Marlow entered service on 9 June 1925. The Marlow was painted green in 1931. "
                        "Leo Vance was the captain of the Marlow.", ferry(), None)
    assert [(c.verdict, c.method) for c in checks] == [
        ("contradicted", "rules:date"), ("unsupported", "rules:date"), ("contradicted", "rules:role")]


def test_the_failure_classes_the_rules_must_catch():
    checks = check_text("Leo Vance ordered the boats lowered before the engines were stopped. "
                        "The engines were stopped before the boats were lowered. "
                        "It was the fifth crossing of the Marlow. "
                        "On 2 February 1925 a winter gale drove the Marlow onto the rocks off Tarn Head.",
                        ferry(), None)
    assert [c.verdict for c in checks[:3]] == ["contradicted", "contradicted", "unsupported"]
    assert [c.method for c in checks[:2]] == ["rules:agent", "rules:order"]
    # a full date whose year the same source gives elsewhere is supported
    assert checks[3].verdict == "supported"


def test_a_garbled_sentence_with_the_evidence_words_does_not_pass():
    evidence = Library([Passage(id="ferry.p1", source_id="ferry", text=(
        "Ida Frost called the Marlow a faster copy of a design that was already ten years old, "
        "and above all a way to win back the winter trade."))], [Source(id="ferry", title="The Marlow")])
    checks = check_text("Since Ida Frost was already ten years old, the Marlow was a faster copy of a design "
                        "that was already ten years old.", evidence, None)
    assert checks[0].verdict != "supported"
    methods = {a.method for a in checks[0].atoms}
    assert {"rules:cause", "rules:predicate"} <= methods


def test_two_events_dated_in_two_passages_are_ordered_by_their_dates():
    library = Library([
        Passage(id="dam.p1", source_id="dam", text="The engineers opened the spillway of the new dam on 4 May 1931, "
                                                   "after the spring rains had filled the lake behind the new dam."),
        Passage(id="dam.p2", source_id="dam", text="Nora Vale presented her report to the council on 12 March 1930.")],
        [Source(id="dam", title="The Dam")])
    checks = check_text("The engineers opened the spillway of the new dam after the spring rains, "
                        "before Nora Vale presented her report.", library, None)
    assert (checks[0].verdict, checks[0].method) == ("contradicted", "rules:order")
    checks = check_text("Nora Vale presented her report before the engineers opened the spillway of the new dam "
                        "after the spring rains.", library, None)
    assert checks[0].method != "rules:order"


def test_an_order_split_across_two_atoms_is_still_checked():
    library = Library([Passage(id="bridge.p1", source_id="bridge", text=(
        "Ida Frost was the first to cross the new bridge, and the mayor's party followed her an hour later."))],
        [Source(id="bridge", title="The Bridge")])
    checks = check_text("The mayor's party crossed first, and Ida Frost crossed after them.", library, None)
    assert checks[0].verdict != "supported"


def test_a_retelling_that_reuses_the_names_but_adds_acts_members_or_anchors_does_not_pass():
    library = Library([Passage(id="gala.p1", source_id="gala", text=(
        "Mara Quist opened the gallery a little more than a year after the museum's second fire. "
        "The gallery signed a deal with Orrin Print, a printing house, which made catalogues for its customers, "
        "Tellum Bank among them. Mara Quist thanked the donors in a short speech."))],
        [Source(id="gala", title="The Gallery")])
    checks = check_text("Mara Quist opened the gallery a little more than a year after the museum's opening. "
                        "The gallery worked with large companies like Tellum Bank. "
                        "Mara Quist looks around the room and takes a deep breath. "
                        "Mara Quist thanked the donors in a short speech.", library, None)
    assert [(c.verdict, c.atoms[0].method) for c in checks] == [
        ("contradicted", "rules:anchor"), ("unsupported", "rules:member"), ("unsupported", "rules:scene"),
        ("supported", "rules:coverage")]


def test_the_sentence_telling_the_event_gives_the_ordinal_that_counts():
    library = Library([Passage(id="race.p1", source_id="race", text=(
        "In the final at Leeds Ada Moss finished fourth in the 800 metres, just missing a medal. The race was run "
        "in heavy rain. A week before, in the heats, she had led on the third lap."))], [Source(id="race", title="The Final")])
    checks = check_text("Ada Moss finished third in the 800 metres in the final at Leeds.", library, None)
    assert (checks[0].verdict, checks[0].atoms[0].method) == ("contradicted", "rules:ordinal")
    checks = check_text("Ada Moss finished fourth in the 800 metres in the final at Leeds.", library, None)
    assert checks[0].verdict == "supported"


def test_a_rule_that_finds_the_core_of_a_long_atom_false_decides_the_atom():
    library = Library([Passage(id="quay.p1", source_id="quay", text=(
        "On 3 May 1921, at the ceremony that opened the new quay, the harbour master Olav Dahl cut the ribbon. "
        "Two years later the town council, led by Mayor Vera Lind, voted to extend the quay."))],
        [Source(id="quay", title="The Quay")])
    # the aside keeps the rules from seeing who did it: the atom is well covered, but its clause gives the act to
    # someone else
    checks = check_text("Vera Lind, at the ceremony on 3 May 1921, cut the ribbon at the new quay.", library, None)
    assert (checks[0].verdict, checks[0].method) == ("contradicted", "rules:agent")
    assert checks[0].reason.endswith("(in \"Vera Lind cut the ribbon at the new quay.\")")
    checks = check_text("Olav Dahl, at the ceremony on 3 May 1921, cut the ribbon at the new quay.", library, None)
    assert checks[0].verdict == "supported"


def test_an_atom_split_from_a_list_is_checked_against_the_whole_list_of_its_sentence():
    from agent.factcheck.checker import assess
    from agent.factcheck.evidence import Index

    lib = Library([Passage(id="boat.p1", source_id="boat",
                           text="On 3 May 1920 Ida Frost sailed for Leith with four men: Per Moe, Jon Dahl, Eva Lind and "
                                "Ole Berg."),
                   Passage(id="boat.p2", source_id="boat", text="The rest of the crew stayed on the island with Karl Vik.")],
                  [Source(id="boat", title="The Boat")])
    sentence = "On 3 May 1920 Ida Frost sailed for Leith with four men, Per Moe, Jon Dahl, Eva Lind and Karl Vik."
    added = assess("On 3 May 1920 Ida Frost sailed for Leith with four men, Karl Vik.", sentence, [], Index(lib))
    assert added.verdict == "unsupported" and added.signal("list").missing
    named = assess("On 3 May 1920 Ida Frost sailed for Leith with four men, Jon Dahl.", sentence, [], Index(lib))
    assert not named.signal("list").missing


def test_a_cause_given_the_other_way_round_is_unsupported_not_contradicted():
    lib = Library([Passage(id="mill.p1", source_id="mill",
                           text="Skilled weavers were hard to find, so from 1901 the mill bought power looms from Leeds.")],
                  [Source(id="mill", title="The Mill")])
    check = check_text("Because the mill bought power looms from Leeds in 1901, skilled weavers were hard to find.", lib, None)
    assert [(c.verdict, c.method) for c in check] == [("unsupported", "rules:cause")]


def test_a_length_of_time_stated_otherwise_in_the_claims_own_words_is_contradicted():
    lib = Library([Passage(id="vote.p1", source_id="vote",
                           text="The council had set the vote for 3 May, but it was put off by two days because the mayor was ill.")],
                  [Source(id="vote", title="The Vote")])
    check = check_text("The vote was put off by a week.", lib, None)
    assert [(c.verdict, c.method) for c in check] == [("contradicted", "rules:duration")]


def test_a_number_relating_two_facts_is_unsupported_not_contradicted():
    library = Library([Passage(id="mill.p1", source_id="mill", text=(
        "The mill opened in 1851 with 40 looms. It closed in 1859, and its 300 workers moved to the new town."))],
        [Source(id="mill", title="The Mill")])
    [check] = check_text("The mill closed 12 years after it opened with 40 looms.", library, None)
    assert check.verdict == "unsupported"
    [check] = check_text("The mill opened in 1851 with 60 looms.", library, None)
    assert check.verdict == "contradicted"


def test_a_span_between_two_events_dated_in_two_sources_is_stated():
    lib = Library([Passage(id="mill.p1", source_id="mill", text="The mill at Tarn opened on 3 May 1861. It ground corn."),
                   Passage(id="mill.p2", source_id="mill", text="Grain prices fell in the 1870s and the trade moved away."),
                   Passage(id="owner.p1", source_id="owner", text="Ada Frost, who built the mill at Tarn, died in 1886.")],
                  [Source(id="mill", title="The Mill"), Source(id="owner", title="Ada Frost")])
    said = check_text("Ada Frost died twenty-five years after the mill at Tarn opened.", lib, None)
    assert [c.verdict for c in said] == ["supported"]
    bent = check_text("Ada Frost died thirty years after the mill at Tarn opened.", lib, None)
    assert bent[0].verdict != "supported"


def test_a_swapped_place_is_found_in_the_whole_sentence_of_an_atom():
    lib = Library([Passage(id="trip.p1", source_id="trip", text=(
        "The crossing was rough. She landed at Dover and went by coach to London. From there she travelled on."))],
        [Source(id="trip", title="The Trip")])
    said = check_text("She landed at Hull and went by coach to London.", lib, None)
    atoms = {a.claim: a for a in said[0].atoms}
    assert atoms["She landed at Hull."].verdict == "contradicted"
    assert "Dover" in atoms["She landed at Hull."].reason
    assert atoms["She went by coach to London."].verdict == "supported"


def test_with_the_contrast_check_on_a_clear_claim_is_read_for_other_names(monkeypatch):
    monkeypatch.setattr("agent.factcheck.verdict.CONTRAST_CHECK", True)
    provider = FakeScorer(rate=lambda user, claim: words(claim, -0.2))
    text = "The first transatlantic telegraph cable was completed on August 5, 1858, linking Ireland and Newfoundland."
    assert check_chapter(1, text, library(), LLM(provider, "fact_checker")).claims[0].verdict == "supported"
    # (each name is the model's own top pick where it stands, so no other name is tried there)
    asked = [claim for call in provider.calls for _, claim in call["pairs"]]
    assert asked == ["The first transatlantic telegraph cable was completed on August 5, 1858.",
                     "The first transatlantic telegraph cable was linking Ireland and Newfoundland."]


def test_a_pass_on_coverage_alone_short_of_the_trusted_share_is_read_by_the_model():
    from agent.factcheck.checker import SUPPORT_COVERAGE, TRUST_COVERAGE, Assessment, resolve
    from agent.factcheck.rules import Signal

    def passed(coverage: float) -> Assessment:
        found = Assessment("Gore was an architect.", "Gore was an architect.", signals=[Signal("polarity")], coverage=coverage)
        found.decide("supported", "rules:coverage", f"evidence covers {coverage:.0%} of the claim")
        return found

    between, high = passed((SUPPORT_COVERAGE + TRUST_COVERAGE) / 2), passed(min(1.0, TRUST_COVERAGE + 0.05))
    provider = FakeScorer(logprob=LIKELIHOOD_THRESHOLD - 1)
    resolve([between, high], LLM(provider, "fact_checker"))
    assert [c for call in provider.calls for _, c in call["pairs"]] == ["Gore was an architect."]  # only the one between
    assert between.verdict == "unsupported" and between.method == "model" and high.verdict == "supported"
    # without a model, and in the rules-only mode, the rules' pass stands
    alone = passed((SUPPORT_COVERAGE + TRUST_COVERAGE) / 2)
    resolve([alone], None)
    assert alone.verdict == "supported" and alone.method == "rules:coverage"
    likely = passed((SUPPORT_COVERAGE + TRUST_COVERAGE) / 2)
    resolve([likely], LLM(FakeScorer(logprob=LIKELIHOOD_THRESHOLD + 1), "fact_checker"))
    assert likely.verdict == "supported" and likely.method == "model"
