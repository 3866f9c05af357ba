"""The story's cast for its pictures: the real people and places the sources name, and the period they belong to.

A style sheet's recurring characters and places must be people and places from the sources, never the topic
itself, the story's title, a product, a tool or a model; their fixed descriptions must describe looks.
"""

from __future__ import annotations

import re

from agent.illustration.colors import NAMED
from agent.story.chapters import split_sentences
from agent.story.references import tokens
from agent.state import Outline, Recurring

YEAR_RE = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
COLOR_WORDS = frozenset(name.split()[-1] for name in NAMED) - {"rose", "peru", "whip", "puff", "drab"}  # "blue" of "royal blue"
# Words that name a thing made or sold, not a person or a place one can draw.
THING_WORDS = frozenset(
    "ai api app apps assistant bot chatbot company corp gpt inc launch llm model models platform product "
    "service software system tool version".split()
)
# Words of a style sheet or a story about itself: a description holding them describes no look.
META_WORDS = frozenset(
    "art director illustrated illustration story graphic novel style sheet prompt prompts image images chapter "
    "palette panel drawing".split()
)
# Words a look is described with: build, age, hair, clothes, colours, materials, and what a place is made of.
# A description with none of them says what someone is ("an AI researcher at the lab") or where a place is
# ("a city in California known for its tech industry"), and a picture cannot show that.
LOOK_WORDS = frozenset("""
    tall short slim lean thin slight stout heavy broad stocky wiry build young old elderly middle-aged aged boyish
    hair haired beard bearded moustache mustache stubble bald curly wavy straight cropped ponytail braid fringe
    glasses spectacles eyes face smile freckles skin complexion
    suit shirt jacket coat blazer dress skirt tie bow hat cap helmet uniform sweater jumper hoodie t-shirt jeans
    trousers boots shoes sneakers vest waistcoat scarf cuffs sleeves sleeved collar collared apron gloves badge
    lanyard overalls robe gown cardigan fleece tweed wool woollen cotton linen silk denim leather
    grey gray white black dark fair blond blonde brown red ginger silver golden pale tanned
    building tower skyline street hill hilly bay harbour harbor river sea ocean shore coast beach fog foggy mist
    bridge pier dock warehouse office desk window wall floor ceiling room hall corridor bench screen monitor lamp
    neon glass brick stone wooden wood concrete marble iron steel copper brass timber plaster tile tiled
    tree palm park square plaza cobbled cobblestone roof rooftop dome spire tram chimney smoke snow ice mountain
    peak valley desert forest island ship deck mast sail tent cabin hut crowd crowded narrow wide low sunlit
    dusty rain wet cluttered sprawling towering bare whitewashed painted red-brick glass-walled
""".split())


def describes_look(description: str) -> bool:
    """Tell whether a description says how someone or something looks (see LOOK_WORDS; a colour name counts)."""
    words = {w.lower().strip(".,;'’") for w in _words(description)}
    words |= {w[:-1] for w in words if w.endswith("s")}
    return bool(words & (LOOK_WORDS | COLOR_WORDS))


MAX_NAME, MAX_DESCRIPTION = 40, 200
MAX_DESCRIPTION_WORDS = 14  # a look fits in a phrase; a longer one is a sentence of the sources run on
CONTEXT_SENTENCES = 2


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][\w'’.-]*", text)


def thing_like(name: str) -> bool:
    """Tell whether a name looks like a product, tool or model (digits, inner capitals, 'AI', 'app', ...)."""
    if re.search(r"\d", name):
        return True
    for word in _words(name):
        if word.lower().strip(".") in THING_WORDS:
            return True
        if re.search(r"[a-z][A-Z]", word) and not re.match(r"(?:Mc|Mac|O'|D')", word):
            return True
    return False


def mentioned(name: str, text: str) -> bool:
    """Tell whether text names the name (whole words, any case)."""
    return re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", text.lower()) is not None


def meta_text(description: str) -> bool:
    """Tell whether a description talks about the story or its style sheet instead of a look."""
    return len(set(tokens(description)) & META_WORDS) >= 2


def story_names(topic: str, outline: Outline) -> set[str]:
    """Return the content words of the topic and the story's title: no cast member is named by them alone."""
    return set(tokens(f"{topic} {outline.title}"))


def planned_people(outline: Outline) -> list[str]:
    """Return the real people the outline names, in order of first appearance."""
    return list(dict.fromkeys(p.strip() for c in outline.chapters for p in c.people if p.strip()))


def eligible(name: str, *, person: bool, outline: Outline, topic: str, passages_text: str) -> bool:
    """Tell whether a recurring name may enter the style sheet: real, from the sources, not the topic or a thing."""
    name = name.strip()
    if not name or len(name) > MAX_NAME or thing_like(name):
        return False
    own = set(tokens(name))
    if not own or own <= story_names(topic, outline):
        return False
    if any(name.lower() == p.lower() for p in planned_people(outline)):
        return True
    if not mentioned(name, passages_text):
        return False
    # A person outside the outline's list must be a full name the sources write with capitals.
    return not person or len(_words(name)) >= 2 and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", passages_text) is not None


def period(passages: list[str]) -> str:
    """Return the span of years the sources speak of ('1969', '2015-2023'), or '' when they give none."""
    years = sorted({int(y) for text in passages for y in YEAR_RE.findall(text)})
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}-{years[-1]}"


def context_for(name: str, passages: list[str], limit: int = CONTEXT_SENTENCES) -> list[str]:
    """Return the first sentences of the sources that name someone: what they did, when, in what role."""
    found = []
    for text in passages:
        for sentence in split_sentences(text):
            if mentioned(name, sentence):
                found.append(" ".join(sentence.split())[:240])
                if len(found) >= limit:
                    return found
    return found


def candidates(outline: Outline, passages: list[str], topic: str, limit: int = 4) -> list[dict]:
    """Return the outline's people that the illustrator may describe, each with what the sources say of them."""
    text = "\n".join(passages)
    people = [p for p in planned_people(outline)
              if eligible(p, person=True, outline=outline, topic=topic, passages_text=text)]
    return [{"name": p, "context": context_for(p, passages)} for p in people[:limit]]


def appositive(name: str, description: str) -> str:
    """Return a description as the phrase that follows a name ('Ada, a tall woman in grey'): its first sentence
    without a leading 'Ada is' or 'She is', so it reads after the name in every prompt."""
    text = " ".join(description.split())
    text = re.split(r"(?<=[.!?])\s+", text, maxsplit=1)[0].strip(" .;")
    subject = "|".join(re.escape(w) for w in [name, *name.split()[-1:]] if w)
    text = re.sub(rf"^(?:{subject}|he|she|they|it)\s+(?:is|was|are|were)\s+", "", text, flags=re.IGNORECASE)
    return re.sub(r"^(A|An|The)\b", lambda m: m.group(1).lower(), text)  # it follows a comma: "Ada, a tall woman"


def keep_cast(items: list[Recurring], *, person: bool, outline: Outline, topic: str, passages_text: str,
              limit: int, copied) -> list[Recurring]:
    """Keep the recurring people or places that are real, from the sources, and described by their looks (see
    describes_look)."""
    seen, kept = set(), []
    for item in items:
        name = " ".join(item.name.split()).strip(" .;")
        desc = appositive(name, item.description)
        fits = (desc and len(desc) <= MAX_DESCRIPTION and len(desc.split()) <= MAX_DESCRIPTION_WORDS and not meta_text(desc)
                and describes_look(desc) and not copied(desc)
                and eligible(name, person=person, outline=outline, topic=topic, passages_text=passages_text))
        if fits and name.lower() not in seen:
            seen.add(name.lower())
            kept.append(Recurring(name=name, description=desc))
    return kept[:limit]
