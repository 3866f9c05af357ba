"""Who did what, who is what, what came first: the checks word overlap cannot make."""

from __future__ import annotations

import pytest

from agent.factcheck.relations import (site_signal, superlative_signal, agent_signal, anchor_signal, cause_signal, date_order_signal, kind_signal,
                                       measure_signal, member_signal, object_signal, order_signal, passive_signal,
                                       interval_signal, interval_support, predicate_signal, role_signal, scene_signal, state_signal, substitution_signal,
                                       span_signal, swap_signal, list_signal, colocation_signal, binding_signal)

CREW = "The expedition was led by the botanist Clara Wendt and the geologist Omar Haddad, who mapped the pass."
SUMMIT = ("Haddad and two porters followed an hour later. At noon, after a hard climb, Wendt planted the flag "
          "on the ridge and took the first photographs.")
ORDER = "The crew sealed the hull before they flooded the dock. Only then was the ship floated out."


def test_a_word_opening_the_sentence_is_no_actor():
    evidence = ("Midway, the coaches halted at Fenwick to change horses. Several travellers climbed down onto the road, "
                "among them Ruth Keller, mayor of Dunmore, who went to greet the bishop, with whom she had argued.")
    assert not agent_signal("When the coaches halted at Fenwick to change horses, Ruth Keller climbed down onto the road "
                            "to greet the bishop.", evidence).conflicts
    # a title opening with an ordinal is still a name
    assert agent_signal("Second Officer Anna Lang ordered the ship hard about.", "At ten Second Officer Anna Lang handed "
                        "over the watch to First Officer Peter Brandt. Brandt ordered the ship hard about.").conflicts


def test_a_role_moved_to_the_person_named_beside_it_conflicts():
    assert role_signal("Omar Haddad was the expedition's botanist.", CREW).conflicts == [
        "the evidence gives that role to Clara Wendt, not Omar Haddad"]
    assert role_signal("Clara Wendt was a geologist.", CREW).conflicts
    assert not role_signal("Clara Wendt was the botanist.", CREW).conflicts
    assert not role_signal("Omar Haddad was a geologist.", CREW).conflicts


def test_an_act_credited_to_someone_else_conflicts_even_when_they_are_named_nearby():
    signal = agent_signal("Haddad planted the flag on the ridge.", SUMMIT)
    assert signal.conflicts == ["the evidence does not say Haddad planted; it names Wendt there"]
    assert not agent_signal("Wendt planted the flag on the ridge.", SUMMIT).conflicts
    # a pronoun may be anyone, and an act the evidence does not state is left to the other checks
    assert not agent_signal("Haddad took the photographs.", "He took the photographs.").conflicts
    assert not agent_signal("Haddad cooked dinner.", SUMMIT).conflicts


def test_a_pronoun_opening_a_claim_is_no_name():
    evidence = "The Marlow left the harbour at noon under Captain Ida Frost."
    assert not agent_signal("She left the harbour at noon.", evidence).conflicts
    assert not agent_signal("They left the harbour at noon.", evidence).conflicts
    assert agent_signal("Leo Vance left the harbour at noon.", evidence).conflicts


def test_an_act_with_another_amount_is_another_event():
    assert not agent_signal("Lena Ortiz ran for 12 miles.", "Bo Kim ran for 30 miles that day.").conflicts
    assert agent_signal("Lena Ortiz ran for 30 miles.", "Bo Kim ran for 30 miles that day.").conflicts


def test_reversed_order_conflicts():
    assert order_signal("The ship was floated out before the crew sealed the hull.", ORDER).conflicts
    assert not order_signal("The crew sealed the hull before the ship was floated out.", ORDER).conflicts
    assert order_signal("The dock was flooded, and only then did the crew seal the hull.", ORDER).conflicts


CLUB = "Maria Lind was the secretary and Karl Berg the treasurer of the rowing club."
LETTERS = "The letters went to Olga Petrov in Riga and Hans Moll in Bremen."
HIRED = "In 1990 Ada Vos founded the press and hired Ben Ruiz, a young printer, as the company's typesetter."


def test_a_role_after_its_or_an_apposition_binds():
    evidence = "Ada Hale was the survey's doctor and Piet Moss its botanist."
    assert role_signal("Ada Hale was the survey's botanist.", evidence).conflicts == [
        "the evidence gives that role to Piet Moss, not Ada Hale"]
    assert not role_signal("Piet Moss was the survey's botanist.", evidence).conflicts
    evidence = ("Karl Berg, lent by the city museum, was the dig's draughtsman, and Eva Lind, a chemist from Oslo, "
                "was its restorer.")
    assert role_signal("Karl Berg was the dig's restorer.", evidence).conflicts == [
        "the evidence gives that role to Eva Lind, not Karl Berg"]
    assert not role_signal("Eva Lind was the dig's restorer.", evidence).conflicts


def test_a_possessive_in_the_article_s_place_binds_a_role():
    fleet = "The fleet had three ships: the Orca, Hale's flagship; the Wren, commanded by his brother Ivo Hale; and a store ship."
    assert role_signal("The Wren was Hale's flagship.", fleet).conflicts == ["the evidence gives that role to Orca, not The Wren"]
    assert not role_signal("The Orca was Hale's flagship.", fleet).conflicts
    assert role_signal("The Wren was da Costa's flagship.", fleet.replace("Hale's", "da Costa's")).conflicts


def test_the_same_title_for_two_places_is_two_roles():
    evidence = ("Ada Hale, the governor of Utah, opened the dam, and on the far bank the guests were greeted by "
                "Piet Moss, the governor of Nevada.")
    assert role_signal("Piet Moss was the governor of Utah.", evidence).conflicts == [
        "the evidence gives that role to Ada Hale, not Piet Moss"]
    assert role_signal("Ada Hale was the governor of Nevada.", evidence).conflicts
    assert not role_signal("Ada Hale was the governor of Utah.", evidence).conflicts
    assert not role_signal("Piet Moss was the governor of Nevada.", evidence).conflicts
    assert not role_signal("Piet Moss was a governor.", evidence).conflicts
    # the title before the name binds too
    evidence = "The treasurer of Leeds, Karl Berg, sat beside Ada Hale."
    assert role_signal("Ada Hale was the treasurer of Leeds.", evidence).conflicts
    assert not role_signal("Karl Berg was the treasurer of Leeds.", evidence).conflicts


def test_a_role_after_and_without_its_verb_binds_to_the_name_before_it():
    assert role_signal("Karl Berg was the club's secretary.", CLUB).conflicts == [
        "the evidence gives that role to Maria Lind, not Karl Berg"]
    assert not role_signal("Maria Lind was the secretary of the club.", CLUB).conflicts
    assert not role_signal("Karl Berg was the club's treasurer.", CLUB).conflicts


def test_places_named_side_by_side_bind_to_their_people():
    assert role_signal("Hans Moll lived in Riga.", LETTERS).conflicts
    assert role_signal("Olga Petrov was in Bremen.", LETTERS).conflicts
    assert not role_signal("Olga Petrov lived in Riga.", LETTERS).conflicts
    assert not role_signal("Hans Moll was in Bremen.", LETTERS).conflicts


def test_a_role_given_with_as_conflicts_for_the_other_person_in_the_sentence():
    assert role_signal("Ada Vos was the company's typesetter.", HIRED).conflicts
    assert not role_signal("Ben Ruiz was the company's typesetter.", HIRED).conflicts


def test_a_phrase_before_the_subject_is_no_title():
    evidence = "At the same meeting Ida Frost announced the merger."
    assert not role_signal("At the same meeting Ada Vos announced the merger.", evidence).conflicts


def test_a_passive_act_done_by_someone_else_conflicts():
    evidence = "The opening address was given by Senator Paul Grey. Lena Hart, the architect, was too ill to come."
    assert passive_signal("The opening address was given by Lena Hart.", evidence).conflicts == [
        "the evidence says it was given by Senator Paul Grey, not Lena Hart"]
    assert not passive_signal("The opening address was given by Senator Paul Grey.", evidence).conflicts
    # the auxiliary may be left out in the evidence
    assert passive_signal("The inquiry was chaired by Tom Reed.", "An inquiry chaired by Ruth Kahn found the cause.").conflicts
    # another thing done by someone else is no conflict
    assert not passive_signal("The bridge was painted by Tom Reed.", "An inquiry chaired by Ruth Kahn found the cause.").conflicts


def test_a_passive_claim_against_an_active_evidence_sentence():
    evidence = "Ruth Kahn's survey team then mapped the northern valley in 1921. It later named the highest peak."
    assert passive_signal("The northern valley was mapped by Tom Reed.", evidence).conflicts == [
        "the evidence says it was mapped by Ruth Kahn, not Tom Reed"]
    assert not passive_signal("The northern valley was mapped by Ruth Kahn's survey team.", evidence).conflicts
    # the claim's subject must be what the evidence's verb acts on
    assert not passive_signal("The southern coast was mapped by Tom Reed.", evidence).conflicts
    # a passive claim with its doer after "by" is no doer-and-recipient swap
    assert not swap_signal("The northern valley was mapped by Ruth Kahn's survey team.", evidence).conflicts


def test_a_passive_claim_whose_subject_the_evidence_names_in_short():
    evidence = ("The bells in the east and west towers were cast by the firm Holm and Sons, while the Leeds foundry "
                "made those in the north and south towers.")
    assert passive_signal("The bells in the north and south towers were made by Holm and Sons.", evidence).conflicts == [
        "the evidence says it was made by Leeds, not Holm"]
    assert not passive_signal("The bells in the north and south towers were made by the Leeds foundry.", evidence).conflicts


def test_doer_and_recipient_traded_conflict():
    evidence = "Ruth Baker carried the captain's orders to the stewards and kept the log."
    assert swap_signal("The stewards carried the captain's orders to Ruth Baker.", evidence).conflicts
    assert not swap_signal("The stewards took the orders.", evidence).conflicts
    assert not swap_signal("Ruth Baker carried the captain's orders to the stewards.", evidence).conflicts
    # a participle with "by" names its doer: no trade of places
    assert not swap_signal("A clerk sent by the Harbour Board.", "The Harbour Board sent its own clerk, Ada Lund.").conflicts


def test_the_name_before_who_is_the_doer():
    evidence = "At the end Ivo Stern photographed the plate of Dora Kalm, who then suggested that the comet be named after the observatory."
    assert agent_signal("Ivo Stern suggested that the comet be named after the observatory.", evidence).conflicts
    assert not agent_signal("Dora Kalm suggested that the comet be named after the observatory.", evidence).conflicts


def test_a_doer_after_a_title_s_article_a_reflexive_or_in_a_pair_is_checked():
    evidence = ("The survey began in March 1871. In June 1871 his deputy, Tomas Reiter, found the cairn on the ridge. "
                "The Bishop of Lund blessed the boats, and Mayor Osk Hale cut the rope.")
    for claim in ("In June 1871 Pell himself found the cairn on the ridge.", "The Mayor of Sund blessed the boats.",
                  "Pell and Dorn found the cairn on the ridge.", "The Bishop of Lund cut the rope."):
        assert agent_signal(claim, evidence).conflicts, claim
    for claim in ("In June 1871 Reiter himself found the cairn on the ridge.", "The Bishop of Lund blessed the boats.",
                  "Pell and Reiter found the cairn on the ridge."):
        assert not agent_signal(claim, evidence).conflicts, claim
    # a pair named after "by" is the pair's act; a name after another verb is that verb's object, not the doer
    assert not agent_signal("Ada Vos and Ivo Stern designed the drill.", "With a drill designed by Ada Vos and Ivo Stern, "
                            "the crew cut a pilot bore.").conflicts
    assert not agent_signal("Vos and Stern began the survey in 1902.", "In 1902 Ada Vos, a geologist, and Ivo Stern, a "
                            "surveyor who had left Upper Silesia, began the survey.").conflicts


def test_an_object_pronoun_or_a_name_after_of_the_is_no_doer():
    evidence = "The reporter Ivo Stern of the Northern Post saw it and wrote an account that ran in 300 papers."
    assert agent_signal("Ada Vos wrote an account that ran in 300 papers.", evidence).conflicts == [
        "the evidence does not say Ada Vos wrote; it names Ivo Stern there"]
    assert not agent_signal("Ivo Stern wrote an account that ran in 300 papers.", evidence).conflicts
    assert not agent_signal("Mia Berg married Tor Lund in 1884.", "One of them, Mia Berg, a clerk who worked for the "
                            "Hale family, married Tor Lund in 1884.").conflicts


def test_accented_names_are_names():
    evidence = "Ørn Dalby and Émile Garnier both studied the tablets in 1802. Émile Garnier read several names on them."
    assert agent_signal("Ørn Dalby read several names on the tablets.", evidence).conflicts
    assert not agent_signal("Émile Garnier read several names on the tablets.", evidence).conflicts


def test_an_act_after_an_adverb_an_auxiliary_or_in_a_cleft_has_its_doer_checked():
    evidence = "Some wanted the comet named after its finder. Ivo Stern first proposed the name Lyra at the meeting."
    for claim in ("Dora Kalm first proposed the name Lyra.", "It was Dora Kalm who first proposed the name Lyra.",
                  "Dora Kalm had proposed the name Lyra."):
        assert agent_signal(claim, evidence).conflicts, claim
    assert not agent_signal("It was Ivo Stern who first proposed the name Lyra.", evidence).conflicts
    # "his patron had agreed": a doer told by a possessive may be anyone; "Britain and its empire" is Britain's
    assert not agent_signal("Ivo Stern had agreed to one more season.", "In 1922 Kalm went back to Lund, for what his "
                            "patron had agreed would be one more season.").conflicts
    assert agent_signal("France filled the eastern half.", "Britain and its empire filled the eastern half.").conflicts
    # a name after a preposition is a place or an object, not who did it; a capital opening the claim may be a common word
    assert not agent_signal("Moss played two songs.", "Moss flew in from Lund and played two songs.").conflicts
    assert agent_signal("Bono played two songs.", "Moss flew in from Lund and played two songs.").conflicts == [
        "the evidence does not say Bono played; it names Moss there"]
    assert not agent_signal("Stores sent up to him had been stolen.",
                            "The letters from Ujiji said the stores sent up to him had been stolen.").conflicts


def test_first_and_later_is_an_order():
    evidence = "The Swiss team reached the summit on 3 June, nine days after the Danish team."
    assert order_signal("The Swiss team reached the summit first, and the Danish team arrived nine days later.", evidence).conflicts
    assert not order_signal("The Danish team reached the summit first, and the Swiss team arrived nine days later.", evidence).conflicts


def test_a_sentence_opening_with_only_when_or_within_the_following_weeks_comes_later():
    voyage = "The ship left port in May. Only when it reached the Azores did the captain tell the crew the destination."
    assert order_signal("The crew learned the destination before the ship left port.", voyage).conflicts
    news = "The Berlin paper printed the news on 9 May. Within the following weeks magazines in France and Italy reported the find."
    assert order_signal("Magazines in France reported the find before the Berlin paper did.", news).conflicts
    assert not order_signal("The Berlin paper printed the news before magazines in France reported the find.", news).conflicts


def test_events_the_evidence_dates_the_other_way_round_conflict():
    evidence = "The library was finished in March 1902. Its reading room was painted blue. The museum opened in October 1905."
    assert date_order_signal("The museum opened before the library was finished.", evidence).conflicts
    assert not date_order_signal("The library was finished before the museum opened.", evidence).conflicts
    # events the evidence does not date are left alone
    assert not date_order_signal("The reading room was painted before the museum opened.", evidence).conflicts

    # a month without a year is in the year named before it
    works = "Digging began again in 1827. On 18 May the river broke into the works. In November the directors held a dinner in the works."
    assert date_order_signal("The directors held a dinner in the works before the river broke in.", works).conflicts
    assert not date_order_signal("The directors held a dinner in the works after the river broke in.", works).conflicts


def test_one_side_of_an_order_may_be_a_bare_name():
    evidence = "Vance's crew reached the cape on 3 May, nine days after Holm, and found his cairn."
    assert order_signal("Vance's crew reached the cape before Holm's.", evidence).conflicts
    assert not order_signal("Vance's crew reached the cape after Holm's.", evidence).conflicts
    assert not order_signal("Holm reached the cape before Vance.", evidence).conflicts
    # a bare common word is no event
    assert not order_signal("Vance's crew reached the cape before noon.", evidence).conflicts


def test_a_predicate_the_evidence_states_of_something_else_conflicts():
    evidence = ("The board called the new ferry a cheaper copy of a design that was already ten years old, "
                "and Piet Moss was the harbour's pilot.")
    assert predicate_signal("Nora Vale was already ten years old.", evidence).conflicts == [
        "the evidence says that of the design, not Nora Vale"]
    assert predicate_signal("Ada Hale was the harbour's pilot.", evidence).conflicts == [
        "the evidence says that of Piet Moss, not Ada Hale"]
    assert not predicate_signal("Piet Moss was the harbour's pilot.", evidence).conflicts
    # a bare "the ship was ..." may name the claim's subject in other words
    assert not predicate_signal("The Marlow was painted green.", "In 1931 the ship was painted green.").conflicts
    assert not predicate_signal("Nora Vale was painted green.", "In 1931 the ship was painted green.").conflicts
    # one word of predicate is too little to bind
    assert not predicate_signal("Nora Vale was old.", evidence).conflicts


def test_a_reason_the_evidence_never_gives_is_missing():
    evidence = "The dam was finished in 1931. The valley below it flooded in 1932."
    assert cause_signal("Because the dam was finished in 1931, the valley flooded.", evidence).missing
    assert cause_signal("Since the dam was finished, the valley below it flooded.", evidence).missing
    assert cause_signal("The dam was finished in 1931, so the valley flooded.", evidence).missing
    stated = "The valley flooded in 1932 because the new dam held back the river."
    assert not cause_signal("The valley flooded because of the dam.", stated).missing
    # a link the evidence states of other facts is no link of these
    elsewhere = "The crew rested after the storm. The dam was finished in 1931. The valley below it flooded in 1932."
    assert cause_signal("The valley flooded because the dam was finished.", elsewhere).missing
    assert not cause_signal("The valley flooded because the dam was finished.",
                            "After the dam was finished in 1931, the valley below it flooded.").missing
    # "since" of a time, "so that" of a purpose, "due to be" of a plan are no reasons
    for claim in ("Since 1931 the valley has been flooded.", "Since the flood, few people live there.",
                  "They built the dam so that the valley would flood.", "The dam was due to be finished in 1931."):
        assert not cause_signal(claim, evidence).items, claim


def test_an_act_done_to_another_name_conflicts():
    evidence = ("The tugs would tow the Marlow and the Osprey apart. In May a gale nearly wrecked the heavily laden "
                "Osprey, and Ida Frost sent her report to the harbour board of Leith.")
    assert object_signal("In May a gale nearly wrecked the Marlow.", evidence).conflicts == [
        "the evidence has it wrecked Osprey, not Marlow"]
    assert not object_signal("In May a gale nearly wrecked the Osprey.", evidence).conflicts
    assert object_signal("Ida Frost sent her report to the Hull Gazette.", evidence).conflicts
    assert not object_signal("Ida Frost sent her report to the board of Leith.", evidence).conflicts
    # another slot ("from", "at"), another doer, or another date is another matter
    assert not object_signal("Ida Frost sent her report from Hull.", evidence).conflicts
    assert not object_signal("Leo Vance sent his report to the Hull Gazette.", evidence).conflicts
    assert not object_signal("On 3 June a gale nearly wrecked the Marlow.",
                             evidence.replace("In May", "On 9 May")).conflicts
    # a passive claim is passive_signal's
    assert not object_signal("The Marlow was wrecked by a gale.", evidence).conflicts


def test_words_the_evidence_binds_to_another_name_in_the_same_sentence_conflict():
    from agent.factcheck.relations import binding_signal

    boats = ("Three crews stood ready at the harbour: Ida Frost with the Heron, a sloop lent by Paul Emery, "
             "and Tomas Lind with the Curlew.")
    assert binding_signal("Tomas Lind stood ready with the Heron.", boats).conflicts == [
        "the evidence says that of Ida Frost, not Tomas Lind"]
    assert not binding_signal("Tomas Lind stood ready with the Curlew.", boats).conflicts
    assert not binding_signal("Ida Frost stood ready with the Heron.", boats).conflicts
    posts = "In May the old mayor Anton Weil was voted out, and Rosa Brandt took his seat on the council."
    assert binding_signal("In May Rosa Brandt was voted out.", posts).conflicts
    assert not binding_signal("In May Anton Weil was voted out.", posts).conflicts
    # a part that refers back ("he", "both") may be about anyone; a part without its own subject is the one before
    assert not binding_signal("Tomas Lind was voted out.", "Rosa Brandt won, and he was voted out.").conflicts
    assert not binding_signal("Rosa Brandt went home by train.",
                              "Rosa Brandt spoke at Linz, and then went home by train from Paul Emery's farm.").conflicts
    # numbers bind too: "three steps" at one lock, "a single step" at another
    locks = "The barges climb by two flights: the three steps of the Alder Locks, and a single step at Brinkley."
    assert binding_signal("The Brinkley Locks have three steps.", locks).conflicts
    assert not binding_signal("The Alder Locks have three steps.", locks).conflicts


def test_a_list_of_names_binds_each_name_to_its_own_words():
    evidence = ("In May two of the pilots refused to fly: Ada Hale of the Orca, Ivo Stern of the Wren and Osk Dahl. "
                "Also aboard were three guides whom Pell had hired in Bergen: Tor Lund, Mia Berg and Eli Rask.")
    assert binding_signal("Ivo Stern was the pilot of the Orca.", evidence).conflicts
    assert not binding_signal("Ivo Stern was the pilot of the Wren.", evidence).conflicts
    # what the part before the colon says is said of every name in the list
    assert not binding_signal("Mia Berg was one of the guides Pell had hired in Bergen.", evidence).conflicts
    # a list of subjects before their verb is no list of items
    assert not binding_signal("Ada Hale set out from the fort.", "Ada Hale, Ivo Stern and Osk Dahl set out from the fort.").conflicts


def test_binding_leaves_names_of_other_sentences_and_two_clause_claims_alone():
    from agent.factcheck.relations import binding_signal

    text = "Rosa Brandt founded the choir in Linz. The choir gave its first concert under Paul Emery."
    assert not binding_signal("Rosa Brandt led the choir's first concert.", text).conflicts
    assert not binding_signal("Anton Weil paid for the hall, while Rosa Brandt sang.",
                              "Rosa Brandt sang, while Paul Emery paid for the hall.").conflicts


def test_a_possessive_after_the_verb_and_who_after_an_apposition():
    evidence = "In March Anton Weil was voted out, and Rosa Brandt took his seat on the council."
    assert agent_signal("Anton Weil took Brandt's seat on the council.", evidence).conflicts
    hired = "The board hired Rosa Brandt, an engineer from the Linz Works, who took charge on 2 May."
    assert not agent_signal("Brandt took charge of the works on 2 May.", hired).conflicts
    assert agent_signal("Weil took charge of the works on 2 May.", hired).conflicts


def test_what_a_compound_subject_did_is_said_of_each_of_its_names():
    from agent.factcheck.relations import binding_signal

    crew = "The two pilots, Ada Hale, the captain, and Ivo Stern, her second, flew the mail to Oslo."
    assert not binding_signal("Ada Hale flew the mail to Oslo.", crew).conflicts
    assert not binding_signal("The pilots flew the mail to Oslo.", crew).conflicts
    assert binding_signal("Ivo Stern was the captain of the pilots.", crew).conflicts


def test_a_leading_after_or_before_phrase_orders_the_clause_that_follows_it():
    evidence = "The first ferry crossed on 2 March 1921. The new bridge was opened on 9 July 1921 by the mayor."
    assert date_order_signal("Some weeks after the new bridge was opened, the first ferry crossed.", evidence).conflicts
    assert not date_order_signal("Some months before the new bridge was opened, the first ferry crossed.", evidence).conflicts
    assert order_signal("The mayor opened the new bridge and only afterwards did the first ferry cross the river.",
                        "The first ferry crossed the river; only then did the mayor open the new bridge.").conflicts


def test_an_object_left_out_after_the_verb_is_the_one_just_named():
    evidence = "Two clerks, Ada Hale and Ivo Stern, drew lots for the first watch; Hale won, and she kept the post."
    assert agent_signal("Ivo Stern won the draw for the first watch.", evidence).conflicts
    assert not agent_signal("Ada Hale won the draw for the first watch.", evidence).conflicts
    assert not agent_signal("Ivo Stern won the prize.", "The jury met in May. Hale won.").conflicts


def test_an_object_slot_named_earlier_in_the_sentence_still_binds():
    evidence = ("Hale said she would give her share of the harvest money to him; Stern then gave his share to "
                "the Linz Orphanage.")
    assert object_signal("Stern gave his share of the harvest money to Ada Hale.", evidence).conflicts
    assert not object_signal("Stern gave his share of the harvest money to the Linz Orphanage.", evidence).conflicts


LETTER = ("Ines Moreau posted the letter a few weeks after the bridge's second opening, when the town had grown. "
          "The mill closed two years before the war.")


def test_an_interval_counted_from_another_event_of_the_same_thing_conflicts():
    assert anchor_signal("Ines Moreau posted the letter a few weeks after the bridge's first collapse.", LETTER).conflicts
    assert not anchor_signal("Ines Moreau posted the letter a few weeks after the bridge's second opening.",
                             LETTER).conflicts
    # the same event in other words ("the war" / "the fighting") is no conflict; neither is another interval
    assert not anchor_signal("The mill closed two years before the fighting.", LETTER).conflicts
    assert not anchor_signal("The mill closed two months after the bridge's collapse.", LETTER).conflicts
    # a sentence about another event is not compared
    assert not anchor_signal("The choir sang a few weeks after the bridge's first collapse.", LETTER).conflicts


def test_a_member_put_in_a_group_the_evidence_does_not_name_is_missing():
    evidence = ("The studio signed a deal with Halden Press, a printing house, which printed posters for its "
                "customers, Verra Foods among them.")
    signal = member_signal("The studio worked with big firms like Verra Foods.", evidence)
    assert signal.missing == ["the evidence names Verra Foods but not as one of the firms"]
    assert not member_signal("Halden Press printed posters for customers like Verra Foods.", evidence).missing
    assert not member_signal("The studio worked with firms like Orto Steel.", evidence).missing  # entity check's case
    assert not member_signal("The posters looked like Verra Foods ads.", evidence).missing  # "like" as a verb


def test_scene_business_the_evidence_does_not_report_is_missing():
    evidence = "Dr Ruth Kell opened the meeting in the town hall and read the results. Looking back, she was proud."
    assert scene_signal("Ruth Kell looks around the room and smiles.", evidence).missing
    assert scene_signal("Mayor Tom Ash is in attendance.", evidence).missing
    assert scene_signal("Kell takes a deep breath before she reads.", evidence).missing
    assert not scene_signal("Ruth Kell opened the meeting and read the results.", evidence).missing
    assert not scene_signal("She nodded to the crowd.", "Kell nodded to the crowd and sat down.").missing

    # an anchor that is the claim's own in fewer words is the same event
    assert not anchor_signal("The mill closed two years before the war in the north.",
                             "The mill closed two years before the war.").conflicts


def test_a_measure_given_to_the_other_attribute_named_beside_it_conflicts():
    wall = "The sea wall is 30 feet high, 12 feet wide at its foot and 4 feet wide at the crest."
    assert measure_signal("The sea wall is 4 feet wide at its foot.", wall).conflicts == [
        "the evidence gives 12 feet, not 4, for that"]
    assert not measure_signal("The sea wall is 4 feet wide at the crest.", wall).conflicts
    assert not measure_signal("The sea wall is twelve feet wide at its foot.", wall).conflicts
    # a value the evidence lacks is the number check's case; a bare measure says nothing of what it measures
    assert not measure_signal("The sea wall is 9 feet wide at its foot.", wall).conflicts
    assert not measure_signal("The sea wall is 4 feet.", wall).conflicts


def test_a_capitalized_title_given_to_the_wrong_person_conflicts():
    harbour = ("The Harbour Board, led by Chairman Ruth Kell, approved the plan. Its chief engineer was Tom Ash, "
               "a surveyor who had built two piers for the Board.")
    assert role_signal("Tom Ash was the Chairman of the Harbour Board.", harbour).conflicts == [
        "the evidence gives that role to Ruth Kell, not Tom Ash"]
    assert not role_signal("Ruth Kell was the Chairman of the Harbour Board.", harbour).conflicts
    # a name after "the" is no title: "the Apollo 13 commander" keeps its lower-case role
    assert not role_signal("Jim Lovell was the Apollo 13 commander.", "Jim Lovell, the commander, flew Apollo 13.").conflicts


def test_a_role_with_another_proper_adjective_conflicts():
    evidence = "At the congress the Swedish chemist Ada Hale met Bo Lind, a Danish engineer."
    assert kind_signal("Ada Hale was a Danish chemist.", evidence).conflicts == [
        "the evidence gives Ada Hale the role Swedish chemist"]
    assert kind_signal("Bo Lind was a Norwegian engineer.", evidence).conflicts
    assert not kind_signal("Ada Hale was a Swedish chemist.", evidence).conflicts
    assert not kind_signal("Bo Lind was a Danish engineer.", evidence).conflicts
    # a role the evidence gives without an adjective, or another role, is left to the other checks
    assert not kind_signal("Ada Hale was a Swedish physicist.", evidence).conflicts
    assert not kind_signal("Ada Hale was a Danish chemist.", "Ada Hale was a chemist.").conflicts


@pytest.mark.parametrize("claim, evidence", [
    ("Ada Hale was a tall young Danish chemist from Aarhus.", "He met Ada Hale, a tall young Swedish chemist from Aarhus."),
    ("The pump was built by Ole and his younger brother Per.", "Ole and his elder brother Per built the pump in 1880."),
    ("Moss took the bronze and Lund of Norway the silver.", "Berg won; Moss took silver and Lund of Norway bronze."),
    ("In the relay, Ivan Petrov of Latvia ran third.", "Ivan Petrov of the Netherlands ran the last leg."),
    ("The mutineers were Tom Hale of the Swift.", "Two captains rose: Tom Hale of the Rook and Ian Moss of the Swift."),
    # a year: the claim's year stands elsewhere in the sentence, of another event
    ("She married the painter Jon Berg in 1891.", "She moved to Oslo in 1891 and married the painter Jon Berg in 1895."),
    # a coin, a season, a day of the week
    ("Riders paid a shilling each to cross the new bridge.", "Riders paid a penny each to cross the new bridge that year."),
    ("The fair opened in the spring of 1890 near the docks.", "The fair opened in the autumn of 1890 near the docks."),
])
def test_substitution_signal_flags_another_name_or_word_of_a_kind_in_the_evidence_words(claim, evidence):
    assert substitution_signal(claim, evidence).conflicts


@pytest.mark.parametrize("claim, evidence", [
    # a synonym in the same words is no substitution
    ("The ship sailed quickly to Oslo.", "The ship went quickly to Oslo."),
    # initials, acronyms, a name left out of a longer one
    ("Fred Haise flew the lander.", "Fred W. Haise flew the lander."),
    ("Children in the US, Canada and Finland took part.", "Children in the United States, Canada and Finland took part."),
    ("The dam was built for the Normandy works.", "The dam was built for the Allied works of Normandy."),
    # the shared words begin inside another name: the evidence speaks of something else
    ("The Union Pacific broke ground in Omaha.", "The Central Pacific broke ground in Sacramento."),
    # a name after a date is no slot of a preposition
    ("Kohl spoke in Bonn on 11 June, Berlin held a parade.", "In Bonn on 11 June Brandt spoke to the crowd."),
    # an owner for another may be one thing's
    ("Tests were added to Acme's training data.", "Tests were added to Zeno's training data."),
    # a count may be derived from others; only a year is compared in the slot
    ("The first flight lasted 12 seconds and covered 40 yards.", "The first flight lasted 59 seconds and covered 40 yards."),
])
def test_substitution_signal_leaves_paraphrases_and_partial_names_alone(claim, evidence):
    assert not substitution_signal(claim, evidence).conflicts


RACES = ("The heats were run on 2 June. The final of the mile followed on 4 June, in rain. "
         "On 5 June Vos won the relay in 40.1 seconds. In March 1910 the club bought the ground.")


def test_interval_signal_flags_a_span_the_dates_of_the_two_events_do_not_allow():
    # the evidence dates both events
    assert interval_signal("Vos won the relay in 40.1 seconds two days after the final of the mile.", RACES).conflicts
    assert not interval_signal("Vos won the relay in 40.1 seconds a day after the final of the mile.", RACES).conflicts
    assert not interval_signal("Vos won the relay in 40.1 seconds three days after the heats.", RACES).conflicts
    # the claim dates both events itself
    assert interval_signal("Hale died in November 1863, just weeks after the firm broke ground on 8 January 1863.", "").conflicts
    assert not interval_signal("Hale died on 20 January 1863, just weeks after the firm broke ground on 8 January 1863.",
                               "").conflicts
    # months where the evidence gives only months
    assert interval_signal("The club bought the ground six months after the final of the mile.", RACES).conflicts
    # an event the evidence does not date is left alone
    assert not interval_signal("Vos married two days after the final of the mile.", RACES).conflicts


def test_an_interval_dates_an_event_without_a_year_in_the_year_named_before():
    text = "In 1901 the club was founded at Kessel. On 2 May the first race was run there. The new stand opened in June 1903."
    assert not interval_signal("The new stand opened two years after the first race was run.", text).conflicts
    assert interval_support("The new stand opened two years after the first race was run.", text) == {"2"}
    assert interval_signal("The new stand opened a month after the first race was run.", text).conflicts


def test_interval_signal_reads_hedges_as_spans_in_words_do():
    # "more than three years" allows three years and eight months; "just weeks" allows no ten months
    assert not interval_signal("In March 1910 the club bought the ground, more than three years after it opened in June 1906.",
                               "").conflicts
    assert interval_signal("In March 1910 the club bought the ground, less than three years after it opened in June 1906.",
                           "").conflicts
    assert interval_signal("Hale died in November 1863, just weeks after the firm broke ground in January 1863.", "").conflicts
    assert not interval_signal("Hale died in November 1863, months after the firm broke ground in January 1863.", "").conflicts


FERRY = ("On 2 May 1868 the ferry company was founded at Kessel. The first boat crossed on 20 May. "
         "Three years before, a storm had sunk the old raft. The new pier opened in 1870.")


@pytest.mark.parametrize("claim", [
    "The first boat crossed barely a week after the company was founded.",  # the dates are 18 days apart
    "The old raft had sunk only the winter before.",  # the evidence says three years
    "The new pier opened within a year of the first crossing.",  # 1868 to 1870
    "The pier opened the very next season.",  # no span, no two dates that far apart
])
def test_span_signal_flags_a_span_in_words_nothing_bears_out(claim):
    assert span_signal(claim, FERRY, FERRY).missing


@pytest.mark.parametrize("claim", [
    "The first boat crossed a few weeks after the company was founded.",  # the dates of the two events
    "The old raft had sunk three years before.",  # the evidence's own span
    "The new pier opened about two years after the company was founded.",
    "The first boat crossed 18 days later.",  # two dates of the evidence, the span apart
    "The company kept the raft for several weeks before the storm.",  # a length of time, no span
])
def test_span_signal_leaves_a_span_the_evidence_bears_out(claim):
    assert not span_signal(claim, FERRY, FERRY).missing


def test_span_signal_reads_a_compound_claim_times_of_day_and_spans_of_the_claims_own_events():
    sale = "In 1865 the ferry was sold to the railway, and in 1869 the first trains crossed on it."
    # the part before counts as what the span counts from
    assert span_signal("The town sold the ferry in 1865 to the railway, and within a year the first trains crossed.",
                       sale, sale).missing
    assert not span_signal("The town sold the ferry in 1865 to the railway, and four years later the first trains "
                           "crossed.", sale, sale).missing
    night = "The dig began shortly after 2 a.m. on 4 May. At about 7 a.m. the diggers broke through into the cave."
    assert not span_signal("The diggers broke through about five hours after the dig began.", night, night).missing
    assert span_signal("The diggers broke through about two hours after the dig began.", night, night).missing
    # a span of the evidence counts only in a sentence telling of the claim's events (in the same words, one
    # word of them is enough)
    assert span_signal("The diggers broke through within weeks.", "The diggers broke through into the cave. "
                       "Visitors came within weeks of the opening of the new museum in town.").missing
    assert not span_signal("The diggers broke through within weeks.", "The diggers broke through into the cave. "
                           "Within weeks the diggers had found it.").missing
    assert not span_signal("The diggers broke through within weeks.",
                           "The diggers broke through into the cave in a matter of weeks.").missing


def test_span_signal_counts_an_anniversary_and_dates_in_other_passages():
    assert not span_signal("The bridge opened ten years after the flood.",
                           "The bridge opened on 9 June 1910, the tenth anniversary of the flood.").missing
    library = "The flood came on 9 June 1900. " + "The bridge opened on 9 June 1910."
    assert not span_signal("The bridge opened ten years after the flood.", "The bridge opened on 9 June 1910.", library).missing
    assert span_signal("The bridge opened two years after the flood.", "The bridge opened on 9 June 1910.", library).missing


LAB = ("Acme released the Zephyr scanner on 3 May 1999. Staff at Acme were thrilled by the first orders. "
       "The odds were against the team. Critics said the Zephyr changed medical imaging for good.")


@pytest.mark.parametrize("claim", [
    "The excitement over the Zephyr was palpable among the staff.",
    "Acme knew they were going to face unexpected challenges.",
    "Acme's success with the Zephyr has had lasting effects on the field.",
    "Ruth Lane is listening to someone call her on the phone.",
    "The Zephyr's release was a moment of triumph for Acme.",
])
def test_state_signal_flags_a_feeling_foreknowledge_lasting_effect_or_sense_no_evidence_sentence_gives(claim):
    assert state_signal(claim, LAB).missing


@pytest.mark.parametrize("claim", [
    "Staff at Acme were thrilled by the first orders.",  # the evidence's own word, of the same subject
    "Gorn knew that the scanner used magnets.",  # knowing a fact may be worded otherwise; only foreknowledge counts
    "Acme released the Zephyr scanner in 1999.",
])
def test_state_signal_leaves_stated_feelings_and_plain_facts_alone(claim):
    assert not state_signal(claim, LAB).missing


def test_a_role_is_the_head_noun_of_its_phrase_and_a_title_may_open_the_sentence():
    staff = ("Lena Brandt, a mechanical engineer at the shipyard, drew the hull, and the naval engineer Piet Ruys "
             "checked it. The painter Ilse Kern designed the figurehead.")
    # "a mechanical engineer at the shipyard" binds Brandt to "engineer", not to the adjective before it
    assert role_signal("Ilse Kern was a mechanical engineer.", staff).conflicts
    assert role_signal("Lena Brandt was the painter at the shipyard.", staff).conflicts == [
        "the evidence gives that role to Ilse Kern, not Lena Brandt"]
    assert role_signal("The naval engineer Ilse Kern designed the figurehead.", staff).conflicts
    assert not role_signal("Lena Brandt was a mechanical engineer.", staff).conflicts
    assert not role_signal("The painter Ilse Kern designed the figurehead.", staff).conflicts


def test_events_told_one_after_the_other_with_a_word_of_time_are_ordered():
    story = ("In March the river ice began to break up around the mill. On 9 April the miller Anton Roos closed "
             "the sluice gates. Some weeks later a barge from Riga brought new millstones.")
    assert order_signal("Anton Roos closed the sluice gates before the river ice began to break up.", story).conflicts
    assert order_signal("The barge from Riga brought new millstones before Anton Roos closed the sluice gates.",
                        story).conflicts
    assert not order_signal("Anton Roos closed the sluice gates after the river ice began to break up.", story).conflicts
    assert not order_signal("Anton Roos closed the sluice gates before the barge brought new millstones.", story).conflicts
    # within a sentence: "X, and on <a later date> Y"
    voyage = "That evening the ship called at Brest in France, and on 12 May at Cork in Ireland."
    assert order_signal("The ship called at Cork in Ireland before Brest in France.", voyage).conflicts
    assert not order_signal("The ship called at Brest in France before Cork in Ireland.", voyage).conflicts
    # "X, and the board approved it later that month"
    plans = "Her drawings were shown at the guild hall on 3 May, and the town board approved them later that month."
    assert order_signal("The town board approved her drawings before they were shown at the guild hall.", plans).conflicts
    assert not order_signal("The town board approved her drawings after they were shown at the guild hall.", plans).conflicts
    # a later sentence dated before the one it follows is a flashback: it orders nothing
    flashback = "On 9 April Anton Roos closed the sluice gates. In March the river ice had begun to break up."
    assert not order_signal("Anton Roos closed the sluice gates after the river ice began to break up.", flashback).conflicts


def test_an_item_added_to_a_list_the_evidence_gives_without_it_is_unsupported():
    span = "In the cellar the divers found barrels, ropes and lanterns from the wreck."
    assert list_signal("The divers found barrels, ropes, coins and lanterns.", span).missing == [
        "the evidence lists barrels, ropes, lanterns but not coins"]
    assert not list_signal("The divers found barrels, ropes and lanterns.", span).missing
    # longer items are acts or phrases the evidence may say in other words
    assert not list_signal("The divers went down, cut the ropes and raised the lanterns.", span).missing
    # a pair of names: the span may name one and refer to both; the other must be missing from the passage too
    passage = ("Ada Brun and Ole Sand led the dive. The pair found the wreck on 3 June. "
               "Ada Brun, working with Lars Holt, raised the bell in 1921.")
    assert not list_signal("Ada Brun and Ole Sand found the wreck.", "The pair found the wreck on 3 June.", passage).missing
    assert list_signal("Ada Brun, working with Lars Holt and Eva Dahl, raised the bell.",
                       "Ada Brun, working with Lars Holt, raised the bell in 1921.", passage).missing
    # a thing of a few words is named by its head: a "sea chest" is not listed where only the sea is
    kit = "She sailed on the sea with a coat, a lamp and one small bag."
    missing = list_signal("She sailed with a coat, a lamp, a sea chest and one small bag.", kit).missing
    assert len(missing) == 1 and missing[0].startswith("the evidence lists coat, lamp") and \
        missing[0].endswith("but not sea chest")


def test_a_word_of_one_kind_for_another_before_the_evidences_own_words_conflicts():
    ship = "A green lantern hung over the bow, and the cabin stood on the south side of the deck."
    assert substitution_signal("A red lantern hung over the bow.", ship).conflicts == [
        "the evidence says \"green\" there, not \"red\""]
    assert substitution_signal("The cabin stood on the north side of the deck.", ship).conflicts
    assert not substitution_signal("A green lantern hung over the bow.", ship).conflicts
    # the words after it must be the evidence's own: another thing may well have another colour
    assert not substitution_signal("A red flag flew from the mast.", ship).conflicts


def test_another_length_of_time_before_the_evidences_own_words_conflicts():
    mill = "The mill burned on 3 May. The next morning hundreds of people gathered outside the ruined mill."
    assert substitution_signal("A week later hundreds of people gathered outside the ruined mill.", mill).conflicts == [
        "the evidence says \"a day later\" there, not \"a week later\""]
    assert not substitution_signal("A day later hundreds of people gathered outside the ruined mill.", mill).conflicts
    assert not substitution_signal("The following morning hundreds of people gathered outside the ruined mill.",
                                   mill).conflicts


def test_a_passive_in_the_evidence_names_who_did_it_after_by():
    crew = "Her ship, the Falcon, was commanded by Hugo Lind, and Hugo Sand was the mate."
    assert agent_signal("Hugo Sand commanded the Falcon.", crew).conflicts == [
        "the evidence does not say Hugo Sand commanded; it names Hugo Lind there"]
    assert not agent_signal("Hugo Lind commanded the Falcon.", crew).conflicts
    assert not agent_signal("Lind commanded the Falcon.", crew).conflicts


def test_a_cause_given_the_other_way_round_conflicts():
    mill = "The river silted up, so the mill lost its trade. The miller sold the wheel because he had no money left."
    assert cause_signal("Because the mill lost its trade, the river silted up.", mill).conflicts == [
        "the evidence gives the cause the other way round"]
    assert cause_signal("Because the miller sold the wheel, he had no money left.", mill).conflicts
    assert not cause_signal("Because the river silted up, the mill lost its trade.", mill).conflicts
    assert not cause_signal("The miller sold the wheel because he had no money left.", mill).conflicts


def test_a_reason_the_evidence_gives_for_another_fact_is_unsupported():
    evidence = ("The council voted to pay for the pier itself. Work on the pier began at the north end in May, because the rock "
                "there was soft enough to cut by hand.")
    assert cause_signal("Since the rock at the north end was soft enough to cut by hand, the council voted to pay for "
                        "the pier itself.", evidence).missing == ["the evidence gives that reason for another fact"]
    assert not cause_signal("Work began at the north end because the rock there was soft enough to cut by hand.",
                            evidence).missing
    # "A, so that B": B is what came of A, not why A was done
    sorting = "She sorted the seeds by weight, so that seeds that sprouted alike stood in the same tray."
    assert cause_signal("She sorted the seeds by weight because the seeds sprouted alike.", sorting).conflicts
    assert not cause_signal("Seeds that sprouted alike stood in the same tray because she sorted them by weight.",
                            sorting).conflicts


def test_no_substitution_where_the_evidence_says_the_claims_own_words_in_another_clause():

    evidence = "In the cup both clubs won easily. On 2 May Leeds beat the York Rovers 3-1, and on the next day Hull beat Derby 3-1."
    assert not substitution_signal("On 2 May Leeds beat the York Rovers 3-1.", evidence).conflicts
    assert not substitution_signal("On the next day Hull beat Derby 3-1.", evidence).conflicts
    assert substitution_signal("On the next day Hull beat Leeds 3-1.", evidence).conflicts
    assert not substitution_signal("Pierre built it with his younger brother Jacques and his elder brother Paul.",
                                   "Pierre built it with his younger brother Jacques and his elder brother Paul.").conflicts


def test_a_role_set_off_by_commas_before_a_name_binds_it_and_a_proper_adjective_is_no_name():
    evidence = "In May 1921 the Labour party lost the vote, and the new Liberal mayor, Per Moe, made Eva Dahl head of the harbour."
    assert role_signal("Eva Dahl was the new mayor.", evidence).conflicts
    assert not role_signal("Per Moe was the new mayor.", evidence).conflicts
    assert not role_signal("Pioneer 2 was the first Danish rocket.", "It became the first Danish rocket, and it flew well.").conflicts


def test_a_doer_named_after_an_elided_particle_is_a_name():
    evidence = "That night Lind read out the figures, while d'Aubert checked them against the old survey."
    assert agent_signal("Lind checked the figures against the survey.", evidence).conflicts
    assert not agent_signal("D'Aubert checked the figures against the survey.", evidence).conflicts


def test_two_words_traded_in_a_frame_the_evidence_states_word_for_word_are_flagged():
    from agent.factcheck.relations import exchange_signal
    evidence = "By spring the whole mill ran on a belt, driven first by a water wheel and later by a steam engine."
    assert exchange_signal("The belt was driven first by a steam wheel and later by a water engine.", evidence).conflicts
    assert exchange_signal("Leeds beat Hull 3-1 in the final.", "In the final Hull beat Leeds 3-1.").conflicts
    assert exchange_signal("The boat sailed from Oslo to Bergen in May.", "In May the boat sailed from Bergen to Oslo.").conflicts
    # words joined by "and" come in any order; the evidence saying it the claim's way too is no trade
    assert not exchange_signal("Vos and Berg founded the firm in 1901.", "Berg and Vos founded the firm in 1901.").conflicts
    assert not exchange_signal("The boat sailed from Oslo to Bergen in May.",
                               "In May the boat sailed from Oslo to Bergen, then from Bergen to Oslo.").conflicts


def test_a_person_in_a_list_is_named_by_the_last_name():
    evidence = "In May Ida Frost sailed with four men: Per Moe, Jon Dahl, Eva Lind and Ole Berg."
    assert list_signal("Ida Frost sailed with four men, Per Moe, Jon Dahl, Eva Lind and Per Holm.", evidence).missing
    assert not list_signal("Ida Frost sailed with four men, Per Moe, Jon Dahl, Eva Lind and Ole Berg.", evidence).missing


def test_a_ranking_the_evidence_gives_otherwise_or_not_at_all_is_flagged():
    evidence = "Within a year the line had a million riders, which made it the fastest-growing railway in the country."
    bent = superlative_signal("A million riders made it the most successful railway in the country.", evidence)
    assert bent.conflicts == ['the evidence says "fastest-growing railway", not "most successful railway"']
    assert superlative_signal("It was the longest line of its time.", evidence).missing == \
        ['the evidence gives no such record: "longest"']
    assert superlative_signal("It became the world's busiest line.", evidence).missing
    # a ranking that claims no record may be the story's reading of the facts
    assert superlative_signal("The worst day came in May, when ten men fell.", evidence).ok
    # the ranking the evidence gives, in its own words, with a space for the hyphen or in a plain twin: no flag
    assert superlative_signal("It became the fastest growing railway in the country.", evidence).ok
    assert superlative_signal("It was the biggest hall in town.", "It was the largest hall in town.").ok
    # words that only end like a superlative, and "the most" as a pronoun, are no ranking
    assert not superlative_signal("The interest of the rest was in the west; it was the most they could do.", "x").items


def test_a_word_the_evidence_says_of_another_name_in_a_parallel_clause_is_flagged():
    from agent.factcheck.relations import colocation_signal
    evidence = ("None of the engineers had formal training. Ann Vik was put in charge of the middle section and "
                "Per Moe of the western section. The north gauge at Tromso gave about 1.98 metres and the Bergen "
                "gauge about 1.61, both close to the forecast.")
    assert colocation_signal("Ann Vik was in charge of the western section.", evidence).conflicts == [
        'the evidence says "western" of moe per, not of ann vik']
    assert colocation_signal("The north gauge at Tromso gave about 1.61 metres.", evidence).conflicts
    # what the evidence says of the claim's own name, and what a clause without a verb shares with the one before
    assert colocation_signal("Ann Vik was in charge of the middle section.", evidence).ok
    assert not colocation_signal("The Bergen gauge gave about 1.61 metres.", evidence).conflicts
    # a clause that refers back ("his senior") may be about the claim's name
    assert not colocation_signal("Ole Berg was twelve years older than Ivo Lind.",
                                 "Ivo Lind was 23; Ole Berg was a Danish chemist twelve years his senior.").conflicts


def test_an_act_the_evidence_gives_to_someone_of_the_subject():
    from agent.factcheck.relations import possessor_signal
    assert possessor_signal("Ida Vos opened the bridge.", "The mayor spoke, and Ida Vos's daughter opened the bridge.").conflicts
    assert not possessor_signal("Ida Vos opened the bridge.", "Ida Vos, the mayor, opened the bridge; Vos's daughter cut a cake.").conflicts
    # a state is no act: "Vos was an artist" beside "Vos's model was"
    assert not possessor_signal("Eva Vos was an artist.", "Vos's model was drawn by Eva Vos, who was an artist.").conflicts


def test_an_interval_counted_from_the_same_event_in_another_tense_agrees():
    evidence = "The mill was declared complete in 1825, eight years after the digging had begun."
    assert not anchor_signal("The mill was finished eight years after the digging began.", evidence).conflicts
    assert not anchor_signal("The ship returned almost five years after leaving Hull.",
                             "The ship reached Hull in 1836, almost five years after she had left Hull.").conflicts


def test_two_names_of_a_pair_in_the_other_order_are_no_substitution():
    evidence = "Eva Lind and Per Moe of the Leeds Mill went to Bergen in May."
    assert not substitution_signal("Moe and Lind of the Leeds Mill went to Bergen.", evidence).conflicts
    assert substitution_signal("Ola Berg ran the western mill and Per Moe the eastern one.",
                               "Moe ran the western mill and Berg the eastern one.").conflicts


def test_a_compound_item_of_a_list_is_its_whole_word():
    evidence = "He named the three new alloys: vos-steel, vos-brass and vos-iron."
    assert list_signal("The alloys were vos-steel, vos-brass, vos-iron and vos-tin.", evidence, evidence).missing
    assert not list_signal("The alloys were vos-steel, vos-brass and vos-iron.", evidence, evidence).missing


def test_a_place_and_its_adjective_are_the_same_object():
    claim = "In 1860 the guild organised a journey to cross Canada from Halifax."
    assert not object_signal(claim, "In 1860 the guild organised a journey to cross the Canadian north from Halifax.").conflicts
    assert object_signal(claim, "In 1860 the guild organised a journey to cross the Mexican north from Halifax.").conflicts


def test_an_item_of_a_few_words_added_to_a_list_of_things():
    evidence = "At the ford the herders gave them milk and cakes made from millet."
    assert list_signal("At the ford the herders gave them milk, goat cheese and cakes made from millet.", evidence).missing
    assert not list_signal("At the ford the herders gave them milk, and cakes made from millet.", evidence).missing
    # one word beside things of a few words may be an act: "meet in mid-ocean, splice the cable and steam apart"
    assert not list_signal("The plan was to meet in mid-ocean, splice the cable and steam apart.",
                           "The plan was for the ships to meet in the middle of the ocean, splice the cable and steam apart.").missing


def test_an_act_told_in_other_words_of_another_doer():
    evidence = "Lady Byrne sailed from Dover harbour on the royal barge to Calais, where her barge met Kell's."
    assert agent_signal("Kell rode the royal barge from Dover harbour to Calais.", evidence).conflicts
    assert not agent_signal("Lady Byrne rode the royal barge from Dover harbour to Calais.", evidence).conflicts
    # a pronoun there may be anyone, the claim's name too
    assert not agent_signal("Kell rode the royal barge from Dover harbour to Calais.",
                            "He sailed from Dover harbour on the royal barge to Calais.").conflicts


def test_two_days_of_months_with_their_year_told_elsewhere_give_an_order():
    evidence = "The convoy sailed for weeks and reached Kell Sound on 7 March. It passed the Byrne Light on 22 March."
    assert date_order_signal("The convoy passed the Byrne Light before it reached Kell Sound.", evidence).conflicts
    assert not date_order_signal("The convoy reached Kell Sound before it passed the Byrne Light.", evidence).conflicts


def test_an_age_the_evidence_gives_another_person_named_beside_is_contradicted():
    evidence = ("She came back with three friends: Ada Hale, who was fifteen, Piet Moss, who was sixteen, "
                "and Karl Berg (13).")
    assert role_signal("Ada Hale was sixteen.", evidence).conflicts == [
        "the evidence gives that age to Piet Moss, not Ada Hale"]
    assert role_signal("Ada Hale was sixteen and Piet Moss fifteen.", evidence).conflicts
    assert role_signal("Karl Berg was 16 years old.", evidence).conflicts
    assert not role_signal("Piet Moss was sixteen.", evidence).conflicts
    assert not role_signal("Ada Hale, who was fifteen, came back.", evidence).conflicts
    # two people may share an age: one whose own age the evidence does not give is not contradicted
    assert not role_signal("Eva Lind was 16.", "Eva Lind, the pilot, and Piet Moss (16) flew on.").conflicts


def test_an_order_word_that_opens_the_sentence_orders_its_two_events():
    told = "In 1897 he founded a company to exploit it. In March 1899 his signals crossed the English Channel."
    for claim in ("Only after his signals had crossed the English Channel did Marconi found a company to exploit it.",
                  "After his signals had crossed the English Channel, Marconi founded a company to exploit it.",
                  "Not until his signals had crossed the English Channel did Marconi found a company to exploit it."):
        assert order_signal(claim, told).conflicts, claim
    said = "Marconi founded a company to exploit it after his signals had crossed the English Channel."
    assert order_signal("Before his signals had crossed the English Channel, Marconi founded a company to exploit it.",
                        said).conflicts
    assert not order_signal("After his signals had crossed the English Channel, Marconi founded a company to exploit it.",
                            said).conflicts
    # "...; after a ceremony there the two crossed back": with no comma, where the first event ends is unclear
    evidence = ("The Queen travelled by train to Coquelles; after a ceremony there the two heads of state crossed back "
                "together to Folkestone for a second one.")
    assert not order_signal("After a ceremony at Coquelles, the two heads of state crossed back together to Folkestone.",
                            evidence).conflicts


def test_a_role_and_a_name_in_a_list_bind_each_other_not_the_name_before():
    evidence = "The jury were Halvorsen, the Bergen shipwright Olav Moe and Inga Dahl, a Trondheim weaver."
    assert role_signal("Olav Moe was a Trondheim weaver and Inga Dahl a Bergen shipwright.", evidence).conflicts == [
        "the evidence gives that role to Inga Dahl, not Olav Moe", "the evidence gives that role to Olav Moe, not Inga Dahl"]
    assert role_signal("On the jury sat the Trondheim weaver Olav Moe.", evidence).conflicts
    assert not role_signal("On the jury sat the Bergen shipwright Olav Moe.", evidence).conflicts
    # a place before a common noun is no name; a month before a title is no name
    assert not role_signal("Ada Lind was a rich Oslo merchant.", "Ada Lind, a rich Oslo merchant, paid for it.").conflicts
    assert not role_signal("On 4 May the Danish painter Ole Berg saw it.", "On 4 May, the Danish painter Ole Berg saw it.").conflicts


def test_a_repetition_with_after_orders_nothing():
    evidence = ("The town reached 51 for two, but Ada Moe and Per Lie then fired shot after shot that gave away almost "
                "nothing, and the walls fell one by one.")
    assert not order_signal("Then Ada Moe and Per Lie fired shot after shot that gave away almost nothing.", evidence).conflicts
    assert not order_signal("The boats sank one after another before dawn.", "Before dawn the boats sank one after another.").conflicts


def test_a_verb_sharing_a_stem_with_the_claims_noun_is_another_word():
    evidence = ("Three boats raced: Swift, built by Ada Moe; Gull, by Per Lie; and Tern, by Ole Berg, which was worked by "
                "a treadmill.")
    assert not colocation_signal("Gull was the work of Per Lie.", evidence).conflicts


def test_a_name_after_a_long_shared_phrase_is_a_substitution():
    evidence = "Many guests came, among them Ada Moe, member of the council for Bergen, who spoke first."
    assert substitution_signal("Ada Moe, member of the council for Oslo, spoke first.", evidence).conflicts == [
        'the evidence says "Bergen" there, not "Oslo"']
    assert not substitution_signal("Ada Moe, member of the council for Bergen, spoke first.", evidence).conflicts


def test_a_name_of_three_words_can_be_swapped_for_another():
    evidence = "At the ceremony, Minister of Works Ada Lise Moe announced that the bridge would be named after the king."
    assert substitution_signal("At the ceremony, Minister of Works Per Lie announced that the bridge would be named "
                               "after the king.", evidence).conflicts
    # a long name after a bare "of" aligns nothing: a title in quotes, then another phrase
    assert not substitution_signal('Moe sent in "A New Kind of Rays" on 2 May 1901.', 'Moe sent his paper, "A New Kind of '
                                   'Rays", to the secretary of the Bergen Physical Society on 2 May 1901.').conflicts


def test_a_verb_after_a_noun_is_no_role():
    evidence = ('According to Ada Moe, who works on policy at Nordlab, the company saw Tern internally as a "trial run".')
    assert not role_signal('Ada Moe said the company saw Tern as a "trial run".', evidence).conflicts


def test_an_act_the_evidence_dates_to_another_year_conflicts():
    from agent.factcheck.relations import dated_act_signal

    evidence = "The Vega probe, launched in 1984, reached the comet in 1986 and was shut down in 1987."
    assert dated_act_signal("The Vega probe was launched in 1987.", evidence).conflicts
    assert not dated_act_signal("The Vega probe was launched in 1984.", evidence).conflicts
    assert not dated_act_signal("The bridge opened in 1932.", "The old ferry opened in 1901. The bridge was finished "
                                                              "in 1932.").conflicts
    assert not dated_act_signal("Vos died in 1850.", "His wife died in 1840, and Vos died in 1850.").conflicts
    assert not dated_act_signal("Vos was born in 1801.", "Vos, born in Oslo, moved in 1830.").conflicts


def test_who_after_a_long_apposition_is_the_name_before_it():
    evidence = ("Among them was Ada Brun, a young engineer of the city's water board in the port of Bergen, who had "
                "designed the new pumps that drained the dock.")
    assert not agent_signal("Ada Brun had designed the new pumps.", evidence).conflicts


def test_a_last_word_put_where_the_evidence_has_another_after_the_same_words_is_a_doubt():
    from agent.factcheck.relations import last_word_signal

    evidence = "His first looms had frames of oak and ran for years. She sailed the Dora, an old Baltic trader."
    assert last_word_signal("His first looms had frames of pine.", evidence).missing
    assert last_word_signal("She sailed the Dora, an old Baltic schooner.", evidence).missing
    assert not last_word_signal("His first looms had frames of oak.", evidence).missing
    assert not last_word_signal("She sailed the Dora.", evidence).missing
    # the claim's word stands elsewhere in the evidence: it may be said of this too
    assert not last_word_signal("His first looms had frames of pine.", evidence + " The pine came from Riga.").missing


def test_a_plan_the_evidence_gives_to_another_is_not_the_claims_owners():
    from agent.factcheck.relations import intent_signal

    evidence = ("The mill also signed a deal with Hale & Co., the Leeds dyers, which planned to use its new cloth in "
                "uniforms for the army.")
    assert intent_signal("The deal shows the mill's plan to use its new cloth in uniforms.", evidence).conflicts
    assert not intent_signal("The deal shows Hale & Co.'s plan to use the new cloth in uniforms.", evidence).conflicts
    assert not intent_signal("The mill's plan to sell cloth was new.", evidence).conflicts


def test_a_persons_own_role_may_come_from_another_passage_of_the_references():
    document = ("Tomas Ek, a 31-year-old chemist from Uppsala who had studied in Berlin, won the prize. "
                "The runner-up was Lena Falk, the firm's geologist, who took the silver plate.")
    evidence = "In the last round he met Lena Falk, the firm's geologist."
    # the evidence makes Falk the geologist; the references make Ek a chemist: Ek was no geologist, Falk no chemist
    assert role_signal("Tomas Ek was a geologist.", evidence, document).conflicts == [
        "the evidence gives that role to Lena Falk, not Tomas Ek"]
    assert role_signal("Lena Falk was a chemist.", "Lena Falk took the silver plate.", document).conflicts == [
        "the evidence gives that role to Tomas Ek, not Lena Falk"]
    assert not role_signal("Tomas Ek was a chemist.", evidence, document).conflicts
    assert not role_signal("Tomas Ek was a geologist.", evidence).conflicts  # the evidence alone gives Ek no role
    # a rank is no role, and an office the references give a person in full is that office
    assert not role_signal("Tomas Ek, a chemist, was the first patient given the drug.", evidence,
                           document + " Eva Moll became one of the first Swedes to fly.").conflicts
    head = "Ek wrote to the director of the Lund Museum, Berit Sand, for the cases. Berit Sand, a chemist, agreed."
    assert not role_signal("Berit Sand was the director of the Lund Museum.", "Olof Nyman, a potter, was the director.",
                           head).conflicts
    # a possessive before the role ("the company's engineer") is no role of its own
    works = "Ivo Lund, the company's engineer, argued for engines. The judges were Rastrick, the colliery engineer Nils Wood and Ada Kemp."
    assert not role_signal("Ivo Lund was the company's engineer.", works.split(". ")[1], works).conflicts


def test_a_journey_from_one_place_to_another_orders_the_two_and_a_phrase_ends_where_its_clause_begins():
    voyage = "From Port Louis she sailed to Cape Verde and the Santa Cruz islands, and reached the Cape in May."
    assert order_signal("After calling at Cape Verde and Santa Cruz she sailed on to Port Louis.", voyage).conflicts == [
        "the evidence gives the opposite order"]
    assert not order_signal("After calling at Port Louis she sailed on to Cape Verde and Santa Cruz.", voyage).conflicts
    # "after his return he found": the phrase after "after" ends where its own clause begins
    back = "Ida Roos studied the mills of Leeds in 1820, and after her return she opened a dye works near Oslo."
    assert not order_signal("After she came home she opened a dye works near Oslo.", back).conflicts
    assert order_signal("After she opened a dye works near Oslo she came home from the mills of Leeds.", back).conflicts


def test_an_act_in_the_progressive_after_who_is_the_named_persons():
    evidence = ("In Lyon Ada Brun, who had been sorting the letters for weeks on the orders of the clerk Paul Sorel, "
                "found the will, but Sorel kept it quiet.")
    assert agent_signal("Sorel sorted the letters for weeks on the orders of Ada Brun.", evidence).conflicts
    assert not agent_signal("Ada Brun sorted the letters for weeks.", evidence).conflicts


def test_an_act_put_at_the_place_the_evidence_gives_another_act_is_a_swap_of_sites():
    tour = ("The band played first in Hamburg, where the drummer broke his wrist, and then in Vienna, where they "
            "recorded their second album.")
    assert site_signal("The band recorded its second album in Hamburg.", tour).conflicts == [
        "the evidence puts that at Vienna, not Hamburg"]
    assert site_signal("The drummer broke his wrist in Vienna.", tour).conflicts
    assert not site_signal("The band recorded its second album in Vienna.", tour).conflicts
    # a place within the one the evidence names, said in the same clause, is no swap; nor is a place it never names
    inside = "They crossed to France, where in May they recorded the album at the Studio Ferber in Paris."
    assert not site_signal("They recorded the album in Paris.", inside).conflicts
    assert not site_signal("The band recorded its second album in Prague.", tour).conflicts


def test_a_name_in_parentheses_is_no_doer():
    evidence = "He entered the priory in Lemberg (now Lviv) in 1861 and took the name Brother Jan."
    assert not agent_signal("Anton Kral took the name Brother Jan.", evidence).conflicts
    # set off by commas, not parentheses, the name stays a name of the clause
    assert agent_signal("Anton Kral took the name Brother Jan.",
                        "He entered the priory in Lemberg, now Lviv, in 1861 and took the name Brother Jan.").conflicts


def test_no_substitution_where_the_claim_leaves_out_an_aside_of_the_evidence():
    evidence = "Ada Berg led the party sent to the island of Foula, off the west coast of Shetland, with the " \
               "surveyor Tom Reid."
    assert not substitution_signal("Ada Berg led the party to the island of Foula with the surveyor Tom Reid.",
                                   evidence).conflicts
    # a name put in the place of the aside's own name is still a swap
    assert substitution_signal("Ada Berg led the party to the island of Orkney with the surveyor Tom Reid.",
                               "Ada Berg led the party sent to the island of Foula with the surveyor Tom Reid.").conflicts
