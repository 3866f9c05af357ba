"""Splitting markdown into sections, sentences and atomic claims."""

from __future__ import annotations

from agent.factcheck.claims import atomic_claims, paragraphs, sections, sentences, units

STORY = """# The Cable

<details class="show-prompt">
  <summary>Show Narrative Prompt</summary>
Write a story about the telegraph. It has 3 chapters.
</details>

## Chapter 1: The Idea

![](./01-idea.png)
<details>
  <summary>Show Image Prompt</summary>
  1: A colorful drawing of Cyrus Field at a desk.
</details>

Cyrus Field raised money in New York in 1854. He hired engineers from London.

```python
print("This is code, not a claim.")
```

## Chapter 2: The Cable

The cable was completed on August 5, 1858 [telegraph.p1].

## Epilogue: After

It failed within a month.

## References

* [The Telegraph](https://example.org) by Ada Writer
"""


def test_sections_follow_headings_and_skip_reference_lists():
    found = sections(STORY)
    assert [(s.number, s.title) for s in found] == [(1, "Chapter 1: The Idea"), (2, "Chapter 2: The Cable"), (3, "Epilogue: After")]
    assert "example.org" not in " ".join(s.body for s in found)


def test_paragraphs_skip_images_details_and_code():
    body = sections(STORY)[0].body
    assert paragraphs(body) == ["Cyrus Field raised money in New York in 1854. He hired engineers from London."]


def test_sentences_keep_closing_quotes_abbreviations_and_long_quotes():
    text = ('Critics called it "a folly." Dr. Smith disagreed with the U.S. Navy. '
            '"It will work. It must work," he said. Then it broke.')
    assert sentences(text) == [
        'Critics called it "a folly."',
        "Dr. Smith disagreed with the U.S. Navy.",
        '"It will work. It must work," he said.',
        "Then it broke.",
    ]


def test_units_carry_citations_dramatized_flags_and_clean_text():
    text = ("The cable was laid in 1858 [telegraph.p1][telegraph.p2]. Queen Victoria sent 98 words [telegraph.p3, other.p1]. "
            "Field smiled at the sea as the first signal arrived [dramatized].")
    found = units(text)
    assert [u.text for u in found] == [
        "The cable was laid in 1858.",
        "Queen Victoria sent 98 words.",
        "Field smiled at the sea as the first signal arrived.",
    ]
    assert found[0].citations == ["telegraph.p1", "telegraph.p2"]
    assert found[1].citations == ["telegraph.p3", "other.p1"]
    assert found[2].dramatized and found[2].claims == []
    assert found[0].claims == ["The cable was laid in 1858."]


def test_a_whole_sentence_in_italics_is_dramatized_as_story_md_shows_it():
    found = units("*Field smiled at the sea as the signal arrived.* The cable was laid in 1858.[^1] It ran past *Niagara*.")
    assert [(u.text, u.dramatized) for u in found] == [("Field smiled at the sea as the signal arrived.", True),
                                                       ("The cable was laid in 1858.", False),
                                                       ("It ran past Niagara.", False)]


def test_atomic_claims_split_independent_clauses_only():
    assert atomic_claims("The cable was laid in 1858, but it failed within a month.") == [
        "The cable was laid in 1858.", "It failed within a month."]
    assert atomic_claims("Field raised money in New York; the British government paid for ships.") == [
        "Field raised money in New York.", "The British government paid for ships."]
    # a list, a short tail, and a comma inside a quote stay whole
    assert len(atomic_claims("They carried wire, tar, rope, and iron across the sea.")) == 1
    assert len(atomic_claims('He wrote "we tried, and we failed again and again" in his diary.')) == 1
