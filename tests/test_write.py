"""The writer: a chapter of a story that opens on its moment, knows its neighbours, is checked, repaired and tied to passages."""

from __future__ import annotations

from pathlib import Path

from langgraph.runtime import Runtime

from agent.graph.context import Context, Settings, build_settings
from agent.graph.nodes.write import EXAMPLE, write
from agent.graph.routing import chapter_task
from agent.llm.base import LLM
from agent.run.runner import initial_input
from agent.state import Outline, Passage
from agent.storage.folder import RunDir
from agent.story.chapters import attribute
from agent.story.prose import problems, repair
from agent.story.references import load_references
from tests.fakes import FakeProvider

DATA = Path(__file__).parent / "data" / "cable"
SOURCES, PASSAGES = load_references([DATA])
OUTLINE = Outline(title="The Wire", logline="A cable crosses an ocean.", chapters=[
    {"number": 1, "title": "Field raises the money", "beats": ["Cyrus Field raised the money in 1856"],
     "passage_ids": ["cable-history.p2"], "opening": "Cyrus Field at his desk in New York, 1856"},
    {"number": 2, "title": "A queen's message", "beats": ["Queen Victoria sent 98 words to President Buchanan"],
     "passage_ids": ["cable-history.p4", "wire-magazine.p1"], "opening": "An operator at Valentia waits for the signal, August 16, 1858",
     "people": ["Queen Victoria", "James Buchanan"]},
    {"number": 3, "title": "Silence on the wire", "beats": ["The cable failed in September 1858"], "passage_ids": ["cable-history.p5"]},
])
GOOD = (
    "The room was quiet and dim. Queen Victoria's greeting to President James Buchanan "
    "ran to 98 words, and getting it through the weak line took about sixteen hours.\n\n"
    "Buchanan replied that the cable was a greater triumph than any battle. New York threw a party with fireworks "
    "and a parade, and the rockets set the roof of City Hall alight."
)


def task(number: int = 2, **extra) -> dict:
    base = {"chapter": number, "topic": "The first Atlantic cable", "outline": OUTLINE.model_dump(mode="json"),
            "passages": [p.model_dump() for p in PASSAGES], "sources": [s.model_dump() for s in SOURCES], "words": 60}
    return {**base, **extra}


def run_write(tmp_path, replies, **extra):
    provider = FakeProvider(replies=list(replies))
    run = RunDir(tmp_path, "r1")
    ctx = Context.for_run(Settings(topic="cable"), run=run, llm_factory=lambda role: LLM(provider, role))
    return write(task(**extra), Runtime(context=ctx)), provider, run


def test_the_prompt_has_the_opening_the_previous_paragraph_the_next_title_and_the_length(tmp_path):
    result, provider, run = run_write(tmp_path, [GOOD], previous="Field had found his money. [cable-history.p2]")
    user = provider.calls[0]["user"]
    assert "Open on this moment, as a scene (when, where, who): An operator at Valentia waits for the signal, August 16, 1858\n" in user
    assert "Just before this chapter: Field had found his money." in user
    assert 'The next chapter is "Silence on the wire"' in user
    assert "60 words or so" in user
    assert '<passage id="cable-history.p4"' in user and "- On August 16, 1858, Queen Victoria sent a message of 98 words" in user
    assert EXAMPLE in provider.calls[0]["system"] and EXAMPLE not in user
    assert "After each sentence" not in provider.calls[0]["system"]  # prose first, no id after every sentence
    assert len(provider.calls) == 1
    text = result["chapter_text"][2]["text"]
    assert "The room was quiet and dim [dramatized]." in text
    assert "getting it through the weak line took about sixteen hours [cable-history.p4][wire-magazine.p1]." in text
    assert (run.path / "chapters" / "02-a-queen-s-message.md").read_text() == text + "\n"
    assert (run.path / "drafts" / "02-a-queen-s-message.try1.md").read_text() == GOOD + "\n"


def test_without_the_previous_text_the_writer_reads_the_previous_plan(tmp_path):
    _, provider, _ = run_write(tmp_path, [GOOD])
    assert 'Just before this chapter: Chapter 1, "Field raises the money", tells: Cyrus Field raised the money in 1856.' in provider.calls[0]["user"]
    _, provider, _ = run_write(tmp_path, [GOOD], chapter=3)
    assert "This is the last chapter" in provider.calls[0]["user"]


def test_a_bad_draft_is_asked_again_with_its_problems_stated(tmp_path):
    bad = GOOD + " The ChatGPT launch. He said \"the wire is alive and well."
    result, provider, _ = run_write(tmp_path, [bad, GOOD])
    assert len(provider.calls) == 2
    second = provider.calls[1]["user"]
    assert 'Your last draft had these problems' in second
    assert '- a sentence is not complete: "The ChatGPT launch."' in second
    assert "- a quotation mark is opened and never closed" in second
    assert "ChatGPT" not in result["chapter_text"][2]["text"]


def test_a_draft_bad_twice_is_repaired_by_leaving_out_the_bad_sentences(tmp_path):
    bad = GOOD + " The ChatGPT launch. As they were named in the passage, the ships sailed on."
    result, provider, _ = run_write(tmp_path, [bad, bad])
    text = result["chapter_text"][2]["text"]
    assert len(provider.calls) == 2
    assert "ChatGPT" not in text and "passage" not in text and "sixteen hours" in text


def test_words_reach_the_writer_prompt_from_the_settings(tmp_path):
    settings = build_settings(topic="cable", refs=[str(DATA)], chapters=3, words=90, provider="local")
    state = {**initial_input(settings), "outline": OUTLINE.model_dump(mode="json"),
             "passages": [p.model_dump() for p in PASSAGES], "sources": [s.model_dump() for s in SOURCES],
             "chapter_text": {1: {"text": "First paragraph.\n\nField had found his money [cable-history.p2]."}}}
    payload = chapter_task(state, 2)
    assert payload["words"] == 90 and payload["previous"] == "Field had found his money [cable-history.p2]."
    provider = FakeProvider(replies=[GOOD])
    ctx = Context.for_run(settings, run=RunDir(tmp_path, "r2"), llm_factory=lambda role: LLM(provider, role))
    write(payload, Runtime(context=ctx))
    assert "90 words or so" in provider.calls[0]["user"]


SOURCE = ["Queen Victoria sent a message of 98 words to President James Buchanan over the new cable in August 1858."]


def test_validation_catches_fragments_unclosed_quotes_and_repeats():
    found = problems('The ChatGPT launch. The queen wrote to the president. The queen wrote to the president.\n\n'
                     'Buchanan said "it is a triumph. The crowd cheered.', SOURCE)
    kinds = [(p.kind, p.sentence) for p in found]
    assert ("fragment", "The ChatGPT launch.") in kinds
    assert ("repeated", "The queen wrote to the president.") in kinds
    assert any(kind == "unclosed quote" and sentence.startswith('Buchanan said "it is a triumph.') for kind, sentence in kinds)
    assert problems("The queen wrote to the president in August. The crowd cheered in the street.", SOURCE) == []
    # a helping verb left without its verb: the note said "the system does not actually think"
    assert [p.kind for p in problems("The queen wrote to the president. The system does not actually.", SOURCE)] == ["fragment"]
    assert problems("The queen wrote to the president. The day seemed ordinary until it suddenly was not.", SOURCE) == []


def test_a_word_said_twice_in_a_row_is_caught_where_english_does_not_double_it():
    found = problems("The company was a lab of strong belief and belief in those years. The the crowd cheered at the pier.", SOURCE)
    assert [p.kind for p in found] == ["doubled", "doubled"]
    fine = ("The crowd came back again and again to the pier. The line grew longer and longer that week. "
            "He said that that was the finest cable of the age.")
    assert problems(fine, SOURCE) == []


def test_a_stock_phrase_summing_up_is_caught_unless_the_sources_use_it():
    found = problems("The message marked a turning point in the history of the wire. Field was feted in a new era of "
                     "telegraphy. The crowd cheered at the pier.", SOURCE)
    assert [p.kind for p in found] == ["cliche", "cliche"]
    own = ["The mayor called the message a turning point for the city."]
    assert problems("The message was a turning point for the city, the mayor said.", own) == []


def test_validation_catches_meta_talk_first_person_lists_invented_quotes_and_copying():
    text = ("The cable was named, as it was named in the passage, the Atlantic line. I think the cable was a marvel.\n\n"
            '- fireworks\n- a parade\n\n"We will cross the ocean by Christmas," Field said. '
            "Queen Victoria sent a message of 98 words to President James Buchanan over the wire.")
    kinds = {p.kind for p in problems(text, SOURCE, target_words=200)}
    assert kinds == {"meta", "first person", "list", "fragment", "invented quote", "copied", "too short"}
    assert problems('"We started that night," Field said of the work.', ["We started that night, Field said."]) == []


def test_a_source_speaking_of_itself_is_meta_but_an_essay_in_the_story_is_not():
    assert {p.kind for p in problems("Field wrote the essay a month after the cable failed.", SOURCE)} == {"meta"}
    assert problems("Field wrote the essay about the cable a month after it failed.", SOURCE) == []


def test_an_echo_of_the_voice_example_is_a_problem_and_is_left_out():
    text = EXAMPLE + " The queen wrote to the president in August."
    assert {p.kind for p in problems(text, SOURCE, avoid=(EXAMPLE,))} == {"example"}
    assert repair(text, SOURCE, avoid=(EXAMPLE,)) == "The queen wrote to the president in August."


def test_page_headers_and_slugs_are_not_readable_prose():
    from agent.story.prose import readable

    assert not readable("generative-ai-chatgpt-dall-e-llm-revolution Generative AI Explained: From ChatGPT to Sora How AI Creates")
    assert not readable("The Inside Story Of How ChatGPT Was Built From The People Who Made It")
    assert readable("OpenAI quietly released ChatGPT on November 30, 2022.")


def test_repair_keeps_good_sentences_and_closed_exact_quotes():
    text = 'The queen wrote to the president in August. The ChatGPT launch.\n\nHe said "it is a triumph. Crowds cheered.'
    assert repair(text, SOURCE) == "The queen wrote to the president in August."


def test_attribution_ties_a_sentence_to_the_passages_that_support_it():
    passages = [Passage(id="a.p1", source_id="a", text="Queen Victoria sent a message of 98 words to President Buchanan."),
                Passage(id="b.p1", source_id="b", text="Crowds in New York celebrated the cable with fireworks that set City Hall on fire.")]
    text = attribute("Queen Victoria sent 98 words to Buchanan, and New York celebrated with fireworks that burned City Hall. "
                     "The room was quiet. Zeus threw lightning at the wire.", passages)
    assert text == ("Queen Victoria sent 98 words to Buchanan, and New York celebrated with fireworks that burned City Hall "
                    "[a.p1][b.p1]. The room was quiet [dramatized]. Zeus threw lightning at the wire.")

