"""Model verdicts: does the evidence text say the statement? Two ways, picked by what the provider can do.

- Providers that rate a given reply token by token (the local one, see agent.llm.base.Scorer) are asked
  how likely they find the claim as a restatement of its evidence. The claim is read as the model's
  reply to "restate one fact from this text", in one forward pass, without sampling. Two readings
  come from it:
  - support: the mean log-probability of the claim's tokens. A claim the text states is easy to
    restate; one that adds or changes facts is not. LIKELIHOOD_THRESHOLD comes from benchmarks/tune.py.
  - substitutions: where the claim has a name and the model, having read the evidence, is nearly
    sure the evidence puts a different name there ("the command module was named ___": Odyssey,
    not Aquarius). This catches swapped people, ships and places that every word-overlap check
    passes, because all the words are in the evidence.
  A third reading (`contrast`) is asked of claims already found supported: the claim with another of
  the evidence's names in place of its own, where one of those readings is far likelier ("the medal
  came from Queen Victoria" where the evidence has it from the Society, and the Queen sending a gift).
  Prompts share the system prompt and the instruction, and claims with the same evidence are sent
  one after another, so llama.cpp reads that common prefix once and only the new tokens after it.
- The others (API models) get BATCH claims in one typed call and answer yes or no for each.

Putting several statements in one yes/no prompt was measured on the dev split for the embedded 0.5B
model: it loses track of which answer belongs to which claim, and its yes/no probabilities barely
separate supported from unsupported claims, so neither is used for it.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field

from agent.factcheck.text import STARTERS
from agent.llm.base import LLM, TokenScore
from agent.prompts import render, render_pair

BATCH = 5
SCORE_BATCH = 16
EVIDENCE_WORDS = 50
LIKELIHOOD_THRESHOLD = -2.0
SUBSTITUTION_CONFIDENCE = 0.8
CONTRAST_MARGIN = 7.5
# The name-in-another's-place check (`contrast`) is off by default: on the held-out splits it took back more
# true claims than it caught false ones. `storyagent` keeps it for a stronger scoring model.
CONTRAST_CHECK = False
CONTRAST_NAMES = 6

_PARTICLES = ("of", "de", "von", "van", "da", "del", "la", "le")
_NAME_RE = re.compile(rf"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|{'|'.join(_PARTICLES)}))*")
# Capitalized words that begin sentences rather than name anything, pronouns among them.
_NOT_NAMES = STARTERS | frozenset(
    "the a an in on at by of for to and or but with from as more this that these those there two three not "
    "he she it they we i you him her them us his hers its their theirs our".split()
)


class Answers(BaseModel):
    answers: list[Literal["yes", "no"]] = Field(
        description="For each statement, in order: yes if its text says the statement is true, no if not"
    )


@dataclass
class Item:
    """One claim for the model, with its best evidence span."""

    claim: str
    evidence: str


@dataclass
class Reading:
    """The model's view of one claim: its verdict and, for scorers, the numbers behind it."""

    supported: bool
    support: float | None = None
    substitutions: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        if self.substitutions:
            return "the evidence names " + "; ".join(self.substitutions)
        if self.support is None:
            return "the model's verdict"
        return f"restating the evidence, the model gives the claim a mean token log-probability of {self.support:.2f}"


def batch_size(llm: LLM) -> int:
    """Return how many claims one call judges for this model."""
    return SCORE_BATCH if llm.can_score else BATCH


def _short(text: str, words: int = EVIDENCE_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def judge(items: list[Item], llm: LLM, batch: int | None = None, memo: dict | None = None) -> list[Reading]:
    """Return the model's reading of each item: supported or not, and why.

    With a memo (reading by claim-and-evidence hash, JSON-able), items judged before are not asked again
    and new readings are added to it: a revised chapter's check asks only about the sentences that changed.
    """
    if memo is None:
        return _judge(items, llm, batch)
    keys = [memo_key(item) for item in items]
    todo = [i for i, key in enumerate(keys) if key not in memo]
    for i, reading in zip(todo, _judge([items[i] for i in todo], llm, batch) if todo else []):
        memo[keys[i]] = {"supported": reading.supported, "support": reading.support, "substitutions": reading.substitutions}
    return [Reading(**memo[key]) for key in keys]


def memo_key(item: Item) -> str:
    """Return the memo key of a claim with its evidence."""
    return hashlib.sha256(f"{item.claim}\x00{item.evidence}".encode("utf-8")).hexdigest()[:24]


def _judge(items: list[Item], llm: LLM, batch: int | None) -> list[Reading]:
    if llm.can_score:
        return _score(items, llm, batch or SCORE_BATCH)
    return _typed(items, llm, batch or BATCH)


def _score(items: list[Item], llm: LLM, batch: int) -> list[Reading]:
    system = render("fact_check_likelihood.system")
    # Claims with the same evidence next to each other: each one after the first reuses the cached text.
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        first.setdefault(item.evidence, i)
    order = sorted(range(len(items)), key=lambda i: (first[items[i].evidence], i))
    found: dict[int, Reading] = {}
    for start in range(0, len(order), batch):
        chunk = order[start: start + batch]
        pairs = [(render("fact_check_likelihood.user", evidence=items[i].evidence), items[i].claim) for i in chunk]
        for i, tokens in zip(chunk, llm.score(system, pairs)):
            found[i] = read_scores(items[i], tokens)
    return [found[i] for i in range(len(items))]


def read_scores(item: Item, tokens: list[TokenScore]) -> Reading:
    """Turn the token scores of a claim read as a restatement of its evidence into a verdict."""
    if not tokens:
        return Reading(False, float("-inf"))
    support = sum(t.logprob for t in tokens) / len(tokens)
    swaps = substitutions(item, tokens)
    return Reading(support >= LIKELIHOOD_THRESHOLD and not swaps, support, swaps)


def substitutions(item: Item, tokens: list[TokenScore]) -> list[str]:
    """Return the places where the model is sure the evidence has another name than the claim's."""
    names = _NAME_RE.findall(item.evidence)
    lowered, claim = item.evidence.lower(), item.claim.lower()
    found = []
    for j, token in enumerate(tokens):
        piece, top = token.text.strip(), token.top_text.strip()
        if not piece or not (j == 0 or token.text[:1].isspace()) or not piece[0].isupper():
            continue
        if math.exp(token.top_logprob) < SUBSTITUTION_CONFIDENCE or not top[:1].isupper() or top.lower() in _NOT_NAMES:
            continue
        if top.lower() == piece.lower() or top.lower().startswith(piece.lower()):
            continue
        word = _word_from(tokens, j)
        if word.lower() in _NOT_NAMES:
            continue
        theirs = [n for n in names if n.startswith(top)]
        # The same person under a fuller name ("Thomson" where the evidence says "William Thomson"), or the
        # same thing by its initials ("NIH" for "National Institutes of Health"), is no swap.
        if not theirs or any(word.lower() in n.lower() or _initials(word) == _initials_of(n) for n in theirs):
            continue
        # A name the evidence has too was only put in another order ("the Normandy invasion" for "the Allied
        # invasion of Normandy"; a passive sentence opening with any of its names), unless the two names
        # swapped places: the evidence's name is then in the claim as well ("command module Aquarius,
        # lunar module Odyssey").
        if word.lower() in lowered and (j == 0 or theirs[0].split()[0].lower() not in claim):
            continue
        found.append(f"{theirs[0].strip()} where the claim says {word}")
    return found


def alternatives(item: Item) -> list[tuple[str, str, str]]:
    """Return the claim with another of the evidence's names in place of one of its own: (its name, the other, the claim).

    Only names the evidence has too are replaced: a name it lacks is the business of `substitutions`. The
    other names share no word with any of the claim's ("Thomson" is not replaced by "William Thomson").
    """
    own = _names(item.claim)
    words = {w.lower() for name in own for w in name.split()}
    others = [n for n in _names(item.evidence) if not {w.lower() for w in n.split()} & words][:CONTRAST_NAMES]
    found = []
    for name in own:
        pattern = re.compile(rf"(?<![\w'’-]){re.escape(name)}(?![\w-])")
        if not pattern.search(item.evidence):
            continue
        found += [(name, other, pattern.sub(lambda _: other, item.claim, count=1)) for other in others]
    return found


def _names(text: str) -> list[str]:
    """Return the names in a text, without the capitalized common words and particles at their ends."""
    found = []
    for match in _NAME_RE.findall(text):
        words = re.sub(r"['’]s$", "", match.rstrip(".,;:!?")).split()
        while words and words[0].lower() in _NOT_NAMES:
            words = words[1:]
        while words and words[-1].lower() in _PARTICLES:
            words = words[:-1]
        if words:
            found.append(" ".join(words))
    return list(dict.fromkeys(found))


def contrast(items: list[Item], llm: LLM, memo: dict | None = None) -> list[list[str]]:
    """Return, for each claim, the names the model clearly prefers to the claim's own, having read the evidence.

    The claim and each of its alternatives (see `alternatives`) are read as restatements of the evidence;
    where one with another of the evidence's names in it is more likely by CONTRAST_MARGIN (in total
    log-probability), the evidence gives that act or role to someone else ("the Empress had invited the
    crowned heads" where the Khedive had). This is what the swapped-name checks cannot see: every word
    of such a claim is in the evidence. A memo keeps earlier answers, as in `judge`.
    """
    keys = [memo_key(item) + ":contrast" for item in items]
    todo = [i for i, key in enumerate(keys) if memo is None or key not in memo]
    said = dict(zip(todo, _contrast([items[i] for i in todo], llm) if todo else []))
    if memo is not None:
        memo.update({keys[i]: {"supported": not swaps, "substitutions": swaps} for i, swaps in said.items()})
    return [said[i] if i in said else memo[keys[i]]["substitutions"] for i in range(len(items))]


def _contrast(items: list[Item], llm: LLM) -> list[list[str]]:
    system = render("fact_check_likelihood.system")
    options = [alternatives(item) for item in items]
    asked = [i for i, alts in enumerate(options) if alts]
    users = {i: render("fact_check_likelihood.user", evidence=items[i].evidence) for i in asked}
    base = dict(zip(asked, _scored(llm, system, [(users[i], items[i].claim) for i in asked])))
    # A name the model itself puts first where the claim has it is not tried against the others.
    options = {i: [alt for alt in options[i] if not _expected(items[i].claim, alt[0], base[i])] for i in asked}
    pairs = [(users[i], claim) for i in asked for _, _, claim in options[i]]
    rows = iter(_scored(llm, system, pairs))
    found: list[list[str]] = [[] for _ in items]
    for i in asked:
        total = sum(t.logprob for t in base[i])
        for name, other, _ in options[i]:
            if sum(t.logprob for t in next(rows)) - total > CONTRAST_MARGIN:
                found[i].append(f"{other} where the claim says {name}")
    return found


def _scored(llm: LLM, system: str, pairs: list[tuple[str, str]]) -> list[list[TokenScore]]:
    rows = []
    for start in range(0, len(pairs), SCORE_BATCH):
        rows += llm.score(system, pairs[start: start + SCORE_BATCH])
    return rows


def _expected(claim: str, name: str, tokens: list[TokenScore]) -> bool:
    """Tell whether the model's own top pick, where the claim's name begins, is that name's first token."""
    found = re.search(rf"(?<![\w'’-]){re.escape(name)}(?![\w-])", claim)
    at, end = (found.start() if found else claim.find(name)), 0
    for token in tokens:
        end += len(token.text)
        if end > at and token.text.strip():
            return token.logprob >= token.top_logprob - 1e-6
    return False


def _word_from(tokens: list[TokenScore], j: int) -> str:
    """Return the word that token j begins: its piece and the pieces glued to it, without a possessive."""
    word = tokens[j].text.strip()
    for token in tokens[j + 1:]:
        if not token.text or not (token.text[0].isalnum() or token.text[0] in "'’-"):
            break
        word += token.text
    return re.sub(r"['’]s$", "", word).rstrip(".,;:!?")


def _initials(word: str) -> str:
    letters = word.replace(".", "")
    return letters.lower() if len(letters) >= 2 and letters.isupper() else ""


def _initials_of(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper()).lower()


def _typed(items: list[Item], llm: LLM, batch: int) -> list[Reading]:
    verdicts: list[Reading] = []
    for start in range(0, len(items), batch):
        chunk = items[start: start + batch]
        system, user = render_pair("fact_check", items=[_shown(i, item) for i, item in enumerate(chunk, 1)])
        reply = llm.typed(system, user, Answers, max_tokens=8 + 6 * len(chunk), temperature=0.0)
        # A claim the model left without an answer counts as not supported: the check never passes what it did not judge.
        answers = reply.answers[: len(chunk)] + ["no"] * (len(chunk) - len(reply.answers))
        verdicts += [Reading(a == "yes") for a in answers]
    return verdicts


def _shown(index: int, item: Item) -> dict:
    return {"index": index, "claim": item.claim, "evidence": _short(item.evidence)}
