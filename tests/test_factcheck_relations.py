"""Who did what, who is what, what came first: the checks word overlap cannot make."""

from __future__ import annotations

from agent.factcheck.relations import agent_signal, order_signal, role_signal

CREW = "The expedition was led by the botanist Clara Wendt and the geologist Omar Haddad, who mapped the pass."
SUMMIT = ("Haddad and two porters followed an hour later. At noon, after a hard climb, Wendt planted the flag "
          "on the ridge and took the first photographs.")
ORDER = "The crew sealed the hull before they flooded the dock. Only then was the ship floated out."


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


def test_an_act_with_another_amount_is_another_event():
    assert not agent_signal("Lena Ortiz ran for 12 miles.", "Bo Kim ran for 30 miles that day.").conflicts
    assert agent_signal("Lena Ortiz ran for 30 miles.", "Bo Kim ran for 30 miles that day.").conflicts


def test_reversed_order_conflicts():
    assert order_signal("The ship was floated out before the crew sealed the hull.", ORDER).conflicts
    assert not order_signal("The crew sealed the hull before the ship was floated out.", ORDER).conflicts
    assert order_signal("The dock was flooded, and only then did the crew seal the hull.", ORDER).conflicts
