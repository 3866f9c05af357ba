"""Numbers and dates: notations, units, hedges, derived values, calendar dates."""

from __future__ import annotations

import pytest

from agent.factcheck.quantities import date_signal, dates, fractions, number_signal, numbers, ordinal_signal

SOURCE = ("Three months later, it had 100 million users. The company raised its capital of £350,000. "
          "The flight covered 120 feet. Apple sold 270,000 iPhones and cut the price from $599 to $399. "
          "OpenAI released ChatGPT on November 30, 2022. The mission lasted 5 days, 22 hours and 54 minutes.")


def values(text):
    return [(n.value, n.kind) for n in numbers(text)]


def test_numbers_normalize_words_scales_and_separators():
    assert values("1 million") == values("1,000,000") == values("one million") == values("a million") == [(1e6, "number")]
    assert values("five days") == [(5.0, "number")]
    assert values("twenty-five engineers") == [(25.0, "number")]
    assert values("three hundred and fifty thousand pounds") == [(350000.0, "number")]
    assert values("40% of users and 12 percent") == [(40.0, "percent"), (12.0, "percent")]
    assert values("$1.5 billion") == [(1.5e9, "number")]
    assert values("in 2022, during the 1990s") == [(2022.0, "year"), (1990.0, "decade")]
    assert values("GPT-4 and GPT-3.5") == []  # product names are entities, not quantities
    assert (5e7, "number") in values("$50–100 million")
    assert [(n.unit, n.hedge) for n in numbers("more than 320,000 kilometres")] == [("kilometres", "more than")]


def test_a_numbered_name_opening_a_sentence_is_no_quantity():
    # "Mariner 4 was ..." names a craft; the digit counts nothing
    assert values("Mariner 4 flew past Mars.") == values("Lock 9 was rebuilt in stone.") == []
    assert values("Voyager 2's cameras failed.") == values("It rose. Gemini 6 was delayed.") == []
    # a leading adverb, hedge or function word keeps the number; so does a counted noun after it
    assert values("Roughly 40 men died.") == values("About 40 men died.") == [(40.0, "number")]
    assert values("Perhaps 300 died.") == values("Only 300 survived.") == [(300.0, "number")]
    assert values("Crates 12 metres long arrived.") == [(12.0, "number")]
    assert values("March 5 was a Monday.") == []  # a date, checked by date_signal
    number = number_signal("Ranger 7 hit the Moon.", "The probe Ranger 7 hit the Moon on 31 July.")
    assert not number.missing


def test_numbers_found_in_other_notations_units_hedges_and_differences():
    for claim in ("It had 100,000,000 users three months later.",
                  "Capital of three hundred and fifty thousand pounds was raised.",
                  "The flight covered 40 yards.",
                  "More than a quarter of a million iPhones, over 250,000, were sold.",
                  "Apple cut the price by $200.",
                  "The mission lasted almost six days."):
        assert number_signal(claim, SOURCE).ok, claim


def test_number_signal_reports_missing_and_conflicting_numbers():
    signal = number_signal("Within ten days it had 1 million users.", SOURCE)
    assert signal.missing == ["10", "1 million"] and signal.conflicts == ["10", "1 million"]
    metres = number_signal("The flight covered 120 metres.", SOURCE)
    assert metres.missing == ["120"] and metres.conflicts == ["120"]
    assert not number_signal("Apple sold 300,000 iPhones.", SOURCE).ok


def test_dates_need_month_context_and_match_components():
    assert dates("On November 30, 2022, and 5 August 1858, and 2023-03-14") == [(2023, 3, 14), (2022, 11, 30), (1858, 8, 5)]
    assert dates("They may launch in May.") == []
    assert dates("It happened in March.") == [(None, 3, None)]
    assert date_signal("ChatGPT launched on November 30, 2022.", SOURCE).ok
    assert date_signal("It launched in late November.", SOURCE).ok
    wrong = date_signal("ChatGPT launched on December 1, 2022.", SOURCE)
    assert wrong.missing == ["2022-12-1"] and wrong.conflicts == ["2022-12-1"]
    assert date_signal("It launched in 2021.", SOURCE).missing == ["2021"]


def test_a_hedged_number_must_count_what_the_evidence_counts():
    evidence = "In 1952 about 58,000 cases were reported. More than 3,000 people died."
    wrong = number_signal("More than 30,000 people died of polio in 1952.", evidence)
    assert wrong.missing == ["30,000"]
    assert number_signal("More than 50,000 cases were reported in 1952.", evidence).ok
    assert number_signal("More than 3,000 people died.", evidence).ok


def test_and_a_half_and_magnitudes_of_magnitudes():
    from agent.factcheck.quantities import ordinal_signal  # noqa: F401

    assert [n.value for n in numbers("two and a half million visitors")] == [2_500_000]
    assert [n.value for n in numbers("barely two dozen porters")] == [24]
    assert [n.value for n in numbers("half a dozen men and a dozen mules")] == [6, 12]
    assert [n.value for n in numbers("a billion and a half")] == [1_500_000_000]
    assert [n.value for n in numbers("three and a half weeks")] == [3.5]
    assert [(n.value, n.kind) for n in numbers("hundreds of billions of dollars")] == [(1e11, "vague")]
    assert number_signal("It cost hundreds of billions of dollars.", "It cost $3 billion.").missing == ["hundreds of billions"]
    assert number_signal("It cost hundreds of billions of dollars.", "It cost $400 billion.").ok
    assert number_signal("About 2.5 million people came.", "Two and a half million people came.").ok


def test_ordinals_must_match():
    from agent.factcheck.quantities import ordinal_signal

    evidence = "Her second novel sold well. The tenth edition appeared in 1990."
    assert ordinal_signal("Her fifth novel sold well.", evidence).conflicts == ["fifth"]
    assert ordinal_signal("Her second novel sold well.", evidence).ok
    assert ordinal_signal("the 10th edition", evidence).ok
    assert not ordinal_signal("The first ferry sailed.", "The ferry sailed.").conflicts
    assert ordinal_signal("She first met him in Oslo.", "She met him in Oslo.").ok  # an adverb, not an ordinal
    # "a first letter" in the evidence bears out "the first letter"
    assert ordinal_signal("The first letter was signed by Moss.", "A first letter, dated 3 May, was signed by Moss.").ok


def test_a_full_date_whose_year_the_document_gives_elsewhere():
    evidence = "On 3 March the convoy left port."
    assert date_signal("On March 3, 1921 the convoy left port.", evidence, {1921, 1919}).ok
    assert not date_signal("On March 3, 1922 the convoy left port.", evidence, {1921}).ok
    assert not date_signal("On March 4, 1921 the convoy left port.", evidence, {1921}).ok
    assert not date_signal("On March 3, 1921 the convoy left port.", evidence).ok


def test_a_year_after_a_sentence_opening_word_is_a_year():
    from agent.factcheck.quantities import years_of

    assert years_of("Through 1923 and 1924 the survey went on. Throughout 1925 it slowed.") == {1923, 1924, 1925}
    assert [n.raw for n in numbers("Sputnik 1 was launched. Lifeboat 7 was lowered.")] == []


def test_first_after_a_noun_is_an_adverb_not_an_ordinal():
    evidence = "The Swiss team reached the summit on 3 June."
    assert not ordinal_signal("The Swiss team reached the summit first, and the others followed.", evidence).missing
    assert ordinal_signal("It was the second longest tunnel in the world.", "It was the longest tunnel in the world.").missing
    # "the first part to be finished" is "was finished first"; not another act done first
    assert not ordinal_signal("The bell was the first part to be cast.", "The bell was cast first, in May.").missing
    assert ordinal_signal("Vos was the first man to reach the pole.", "Vos was the fifth man to reach the pole; Berg went "
                          "first.").conflicts
    # "came first" is a first place, whatever the act
    assert not ordinal_signal("The first to be printed was the paper of Vos and Berg.", "Three papers followed one "
                              "another. Vos and Berg came first, in May.").missing


def test_values_swapped_between_two_units_are_not_stated():
    evidence = "The boat was 40 centimetres wide and weighed 12 kilograms."
    assert number_signal("The boat was 12 centimetres wide.", evidence).missing == ["12"]
    assert number_signal("The boat weighed 40 kilograms.", evidence).missing == ["40"]
    assert not number_signal("The boat was 0.4 metres wide and weighed 12,000 grams.", evidence).missing
    assert number_signal("The tower was 7,000 metres tall.", "The tower was 300 metres tall and weighed 7,000 tonnes.").missing


def test_a_figure_kept_with_its_unit_changed_conflicts():
    evidence = "Vos won by 2 hours 40 minutes. The last rider home, Ada Lind, was almost 48 hours behind the winner."
    # a hedged figure may be fit by another of the evidence's figures, but the evidence gives this one in hours
    assert number_signal("Ada Lind finished almost 48 minutes behind the winner.", evidence).conflicts == ["48"]
    assert not number_signal("Ada Lind finished almost 48 hours behind the winner.", evidence).missing
    assert not number_signal("Ada Lind finished two days behind the winner.", evidence).missing
    assert number_signal("The survey took twelve months.", "The survey ran for twelve years.").conflicts == ["12"]


def test_a_second_in_the_evidence_states_the_second():
    evidence = "Past the first gate lay a yard, and at its end a second locked gate."
    assert ordinal_signal("The guards broke open the second gate.", evidence).ok
    assert not ordinal_signal("The guards broke open the third gate.", evidence).ok
    # in a claim, "a second" may mean "another": it asks for no ordinal
    assert not ordinal_signal("They found a second gate.", "They found another gate.").items


def test_two_round_figures_must_agree():
    evidence = "They pitched the last camp at about 27,900 feet, and the summit stood at 29,002 feet."
    assert number_signal("The last camp stood at about 25,900 feet.", evidence).missing == ["25,900"]
    assert not number_signal("The last camp stood at about 27,900 feet.", evidence).missing
    # a hedge still fits an exact figure of the evidence
    assert not number_signal("The summit stood at about 29,000 feet.", evidence).missing


def test_a_bare_count_is_a_difference_of_counts_of_the_same_thing():
    evidence = "The ferry kept up a speed of about 22 knots. Only 40 of the lamps were lit, and 10 were broken."
    assert number_signal("The ferry was making about 18 knots.", evidence).missing == ["18"]
    assert not number_signal("30 of the lamps were not broken.", evidence).missing


def test_an_event_the_evidence_dates_otherwise_is_not_dated_by_a_month_said_elsewhere():
    evidence = "The Marlow left Bergen in May 1921. Only when she reached Hull, in August, did the crew learn the cargo."
    assert date_signal("The Marlow left Bergen in August 1921.", evidence).conflicts == ["1921-8"]
    assert not date_signal("The Marlow left Bergen in May 1921.", evidence).missing
    assert not date_signal("The Marlow reached Hull in August 1921.", evidence).missing


def test_a_sentence_naming_another_place_is_another_event():
    evidence = "The radio went on sale in Norway on 3 March 1931. It reached Spain and Italy in October 1931."
    assert not date_signal("The radio went on sale in Spain by October 1931.", evidence).conflicts
    assert date_signal("The radio went on sale in Norway in October 1931.", evidence).conflicts


def test_a_time_of_day_is_one_value():
    evidence = "The ferry left Dover at 7:52 in the morning and docked at 11.30 pm."
    assert number_signal("The ferry left Dover at 5:52 in the morning.", evidence).conflicts == ["5:52"]
    assert not number_signal("The ferry left Dover at 7:52 in the morning.", evidence).missing
    assert not number_signal("It docked at 11:30 p.m.", evidence).missing
    assert number_signal("It docked at 10:30 p.m.", evidence).missing
    # the hour alone may be said of it; a decimal is no time
    assert not number_signal("The ferry left at seven.", evidence).missing
    assert [n.kind for n in numbers("It cost 3.25 million at 2.20 am.")] == ["time", "number"]


def test_a_count_of_days_weeks_or_months_may_be_the_gap_between_two_dates_of_the_evidence():
    evidence = "The plates were exposed on 12 and 19 March 1931, and the find was announced on 2 May 1931."
    assert not number_signal("The plates were exposed a week apart.", evidence).missing
    assert not number_signal("The plates were exposed seven days apart.", evidence).missing
    assert not number_signal("Less than two months passed between the second plate and the announcement.", evidence).missing
    assert number_signal("The plates were exposed nine days apart.", evidence).missing == ["9"]
    assert number_signal("More than three months passed before the announcement.", evidence).missing == ["3"]


def test_a_length_of_time_may_be_given_in_another_unit():
    evidence = "The crossing took about a week by ship, and the record stood for twenty years."
    assert not number_signal("The crossing took roughly seven days.", evidence).missing
    assert not number_signal("The record stood for two decades.", evidence).missing
    assert number_signal("The crossing took roughly nine days.", evidence).missing == ["9"]
    assert number_signal("The record stood for three decades.", evidence).missing == ["3"]
    # the count is the same, the unit is not: "three weeks" is not stated by "three months"
    evidence = "Three months after its opening, the bridge had carried a million people."
    assert number_signal("Three weeks after its opening, the bridge had carried a million people.", evidence).missing == ["3"]
    assert not number_signal("About 90 days after its opening, the bridge had carried a million people.", evidence).missing
    assert number_signal("The canal took two decades to dig.", "The canal took two centuries to plan.").missing == ["2"]


def test_a_length_of_time_the_evidence_gives_otherwise_in_the_claims_own_words_is_flagged():
    from agent.factcheck.quantities import duration_signal
    assert duration_signal("The vote was put off by a week.", "The vote was set for 3 May, but it was put off by two days.").conflicts
    assert duration_signal("The boat was caught about a week's sail from the island.",
                           "The boat was caught in the ice, about a day's sail from the island.").conflicts
    assert duration_signal("A week later the ship sailed.", "Two days later the ship sailed.").conflicts
    # the same length in another unit, an age, a hedge that allows it, or another person's length: no conflict
    assert not duration_signal("The trip took a week.", "The trip took seven days.").conflicts
    assert not duration_signal("Ada Vik was 24 years old when she sailed.", "Ada Vik, by then 26 years old, sailed.").conflicts
    assert not duration_signal("The voyage lasted almost six days.", "The voyage lasted 5 days and 22 hours.").conflicts
    assert not duration_signal("Per Moe lived for eighteen days after the fall.", "His brother, Jon Dahl, lived for 15 days.").conflicts


def test_a_time_told_from_another_event_in_words_the_evidence_words_otherwise():
    from agent.factcheck.quantities import timing_signal
    assert timing_signal("The mill reopened the very next day.", "The mill reopened three days after the fire.").missing
    assert timing_signal("A second loan followed only a few months later.", "A second loan followed in 1907.").missing
    # the evidence's own words, or dates that may give the next day, leave it alone
    assert not timing_signal("They sailed the next morning.", "On the following morning they sailed.").missing
    assert not timing_signal("The final followed the next day.", "The heats were on 3 May. The final followed on 4 May.").missing
    assert not timing_signal("A few weeks later the mill closed.", "Some weeks later the mill closed.").missing
    # "the day after" is the next day too; "on the day she sailed" puts the two on one day
    assert timing_signal("Ola married the day after the mill opened.", "Two days later Ola married Eva.").missing
    assert timing_signal("The paper sent Berg off the day after Vik sailed.",
                         "On the day she sailed, the paper sent Berg the other way.").missing
    assert not timing_signal("Ola married the day after the mill opened.", "The day after the opening Ola married.").missing
    assert not timing_signal("Ola married a day later.", "The mill opened on 3 May and Ola married on 4 May.").missing


def test_a_ratio_in_words_must_be_the_evidences():
    from agent.factcheck.quantities import ratio_signal
    assert ratio_signal("The fair earned about twice as much as the shop.", "The fair earned about as much as the shop.").missing
    assert ratio_signal("It was half the cost that Vos had planned.", "It was a third of the cost that Vos had planned.").missing
    assert not ratio_signal("The fair earned twice as much.", "The fair earned double the shop's takings.").missing
    # a share in words is a quantity the evidence must give too
    assert ratio_signal("Half of the crew fell ill.", "Most of the crew fell ill.").missing
    assert not ratio_signal("Half of the crew fell ill.", "On the way half of the crew fell ill.").missing


def test_a_place_in_a_race_is_read_in_the_sentence_naming_the_runner():
    from agent.factcheck.quantities import place_signal
    evidence = "Ola Berg, a farmer, came fourth. Per Moe crossed the line third, and third place went to Eva Lind."
    assert place_signal("Ola Berg came third.", evidence).conflicts
    assert not place_signal("Ola Berg came fourth.", evidence).conflicts
    assert not place_signal("Eva Lind came first.", "Eva Lind won; Per Moe came first in the heats.").conflicts
    assert not place_signal("Vos came second behind Berg.", "Berg came first and Vos came second.").conflicts


def test_a_share_written_as_an_ordinal_is_a_share_not_a_place():
    # no share in the evidence: one may come from its numbers, so the rule leaves it
    assert not ordinal_signal("Freight now cost a tenth of what the road had charged.",
                              "By road a ton cost 100 dollars; by canal it cost 10 dollars.").missing
    assert ordinal_signal("It was cut to a hundredth of a millimetre.", "It was cut to a tenth of a millimetre.").conflicts
    assert ordinal_signal("The third patient died.", "The second patient died.").conflicts


def test_a_share_in_words_has_its_value():
    assert [round(v, 4) for v, _, _ in fractions("two-thirds of the cost, a quarter each, half the crew, "
                                                   "a ten-thousandth of a hair, 3 quarters of the town")] == \
        [0.6667, 0.25, 0.5, 0.0001, 0.75]
    assert fractions("the thirty-ninth entry of the day") == fractions("the third of June") == []
    assert not [n for n in numbers("The town paid two-thirds of the cost.") if n.value == 2]


@pytest.mark.parametrize("claim, evidence", [
    ("The town paid about a third of the cost.", "The town paid about two-thirds of the cost; donors gave the rest."),
    ("It must sense less than a tenth of a hair's width.", "It must sense less than a ten-thousandth of a hair's width."),
    ("Berg received a fifth of the prize.", "Berg received half, and Moss and Lind a quarter each."),
])
def test_another_share_conflicts(claim, evidence):
    assert ordinal_signal(claim, evidence).conflicts


def test_the_same_share_in_other_words_stands():
    assert not ordinal_signal("Berg received half the prize.", "Berg received half, and Moss and Lind a quarter each.").missing
    assert not ordinal_signal("Donors gave two thirds of it.", "Donors gave two-thirds of the money.").missing


def test_a_count_of_people_is_stated_by_a_list_of_that_many_names():
    evidence = "Hale, Byrne, Moss and Kell rode south for about two weeks."
    assert not number_signal("The four men rode south for about two weeks.", evidence).missing
    assert number_signal("The five men rode south for about two weeks.", evidence).missing
    assert number_signal("The four men rode south for about two weeks.", "Hale and Byrne rode south for about two weeks.").missing


def test_a_sum_in_another_currency_is_not_the_sum_the_evidence_states():
    evidence = "The exhibition made a profit of about 186,000 pounds, and a season ticket cost three guineas."
    assert number_signal("The exhibition made a profit of about 186,000 guineas.", evidence).missing == ["186,000"]
    assert number_signal("The show earned 5 francs a head.", "The show earned 5 lire a head.").missing == ["5"]
    assert not number_signal("It made a profit of about 186,000 pounds.", evidence).missing
    assert not number_signal("A ticket cost 3 guineas.", evidence).missing
    # one currency under two spellings is one currency
    assert not number_signal("Tickets cost 500 lira.", "Tickets cost 500 lire.").missing


def test_a_number_moved_to_another_counted_thing_conflicts():
    evidence = "Leeds were all out for 90, and York won by six goals. Moe scored six for 30 and 12 points in the match."
    assert number_signal("York won by six points.", evidence).conflicts == ["6"]
    assert number_signal("York won by six goals.", evidence).ok
    assert number_signal("Moe scored 12 points in the match.", evidence).ok
    # a count joined to its noun by a hyphen counts it too ("a two-speed gearbox")
    gears = "The van had a six-cylinder engine and a two-speed gearbox."
    assert number_signal("The van had a two-cylinder engine.", gears).conflicts == ["2"]
    assert number_signal("The van had a six-speed gearbox.", gears).conflicts == ["6"]
    assert number_signal("The van had a six-cylinder engine.", gears).ok


def test_old_measures_and_at_most():
    evidence = "A cart on two wheels could carry no more than three and a half tons, or five tons on four wheels."
    assert number_signal("A cart on two wheels could carry no more than three and a half hundredweight.", evidence).conflicts
    assert number_signal("A cart on two wheels could carry no more than three and a half tons.", evidence).ok
    assert number_signal("The sounding gave 2,435 fathoms.", "The sounding gave 4,453 metres.").ok
    assert not number_signal("The sounding gave 2,435 fathoms.", "The sounding gave 2,435 metres.").ok


def test_one_reader_of_times_of_day():
    from agent.factcheck.quantities import times_of_day

    hours = [round(t * 24, 2) for t in times_of_day("at 1 a.m., at 6.30 pm, at 10:22 at night, at noon, "
                                                    "at 9 in the morning, at 5:52, on 5.30 miles")]
    assert hours == [1.0, 18.5, 22.37, 12.0, 9.0, 5.87]
    # a time to the minute is one value for the number check, an hour alone is left to the number reader
    assert [(n.kind, n.value) for n in numbers("At 5:52 and 6.30 pm the 5.30 train left.")] == \
        [("time", 352.0), ("time", 390.0), ("number", 5.3)]


def test_a_score_is_one_value():
    from agent.factcheck.quantities import number_signal

    evidence = "They trailed 2-1 after two periods and won 4-2 with five goals in the season's last game."
    signal = number_signal("The home side beat Leeds 5-2.", evidence)
    assert signal.missing == ["5-2"] and signal.conflicts == ["5-2"]
    assert not number_signal("The home side beat Leeds 4-2.", evidence).missing
    assert [n.raw for n in numbers("The vote went 7-2 for the plan.")] == ["7-2"]
    assert [n.kind for n in numbers("The trip took 3-4 days.")] != ["score"]
    assert [n.kind for n in numbers("They won 3-4 medals.")] != ["score"]
    assert not number_signal("The hosts beat Leeds 1-0.", "It opened with the hosts beating Leeds 1-0 in the rain.").missing


def test_a_margin_follows_from_a_score():
    assert not number_signal("The visitors won by seven goals.", "The visitors won 10-3 on the night.").missing
    assert number_signal("The visitors won by six goals.", "The visitors won 10-3 on the night.").missing
