"""A llama.cpp logits processor that keeps a reply from copying its sources word for word.

A small model asked to retell a note in its own words copies the note (0.7-0.9 of its 8-word runs were in the
sources, whatever the prompt said). This processor watches the words the reply has written: when the last
RUN - 1 of them are a run of some source and the next source word is a content word, the tokens that would start
that word lose PENALTY from their logits, so the model goes on in words of its own wherever it has a close
alternative (a ban outright made it write "set go a wave" for "set off a wave"). Names (capitalised in the
source), numbers and function words are never penalised: a fact keeps its names and figures, and a sentence
keeps its grammar. Tokens of other scripts are banned throughout: pushed off an English word, a Qwen model may
switch to Chinese or Cyrillic ("several billion долларs").
"""

from __future__ import annotations

import re

import numpy as np

from agent.factcheck.text import MONTHS, SCALES, SMALL
from agent.text import STOP

RUN = 6  # at most RUN - 1 words in a row of a source, then a word of the model's own
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:'[a-z]+)?")
# letters of other scripts (Greek, Cyrillic, Arabic, Indic, CJK, ...): never in an English reply's words
_FOREIGN_RE = re.compile(r"[\u0370-\u1dff\u2c00-\u2dff\u3000-\ud7ff\uf900-\ufaff\ufe30-\uffef]")
# Function words and figures are never penalised: swapped out, they break the grammar or change the fact.
_KEEP = STOP | set(SMALL) | set(SCALES) | set(MONTHS) | set(
    "no never none nor first last several few many much more most less least some any each every all both other "
    "off up out down away back through across around without within between among against during under until "
    "while where when which who whom whose what how why just only even still yet very own same "
    # conjunctions and prepositions: pushed off "even though", a model wrote "even although"
    "though although because since unless whereas whether once like unlike upon onto toward towards despite "
    "beyond along behind beside besides amid via per".split())
PENALTY = 8.0  # taken off the logits of a word that would go on copying: a close paraphrase wins, a fixed phrase stays
_PIECE_RE = re.compile(r" ?[._\-/]*([A-Za-z0-9']+)")
_TAIL_TOKENS = 24  # the reply's last tokens read back at each step: more than RUN words


class Vocabulary:
    """The tokens of one model, indexed by the word piece they write (" off", "off", or glued on: ".off", "-off")."""

    def __init__(self, llama):
        self.pieces: dict[str, list[int]] = {}
        foreign = []
        for token in range(llama.n_vocab()):
            piece = llama.detokenize([token]).decode("utf-8", errors="ignore")
            if _FOREIGN_RE.search(piece):
                foreign.append(token)
            elif match := _PIECE_RE.fullmatch(piece):
                self.pieces.setdefault(match.group(1).lower(), []).append(token)
        self.foreign = np.array(foreign, dtype=np.int64)

    def starting(self, word: str) -> list[int]:
        """Return the tokens that would begin `word`: every piece that is a prefix of it."""
        return [token for end in range(1, len(word) + 1) for token in self.pieces.get(word[:end], [])]


def source_runs(sources: list[str], run: int = RUN) -> dict[tuple[str, ...], set[str]]:
    """Return, for every run - 1 words in a row of the sources, the content words that follow them there."""
    following: dict[tuple[str, ...], set[str]] = {}
    for text in sources:
        raw = _WORD_RE.findall(text)
        words = [w.lower() for w in raw]
        for i in range(len(words) - run + 1):
            nxt = raw[i + run - 1]
            if nxt[0].isupper() or nxt[0].isdigit() or nxt.lower() in _KEEP:
                continue
            following.setdefault(tuple(words[i: i + run - 1]), set()).add(nxt.lower())
    return following


class CopyBlock:
    """Ban the next word of any source run the reply is copying (see the module's docstring).

    One instance serves one completion: it takes the length of the prompt at its first call.
    """

    def __init__(self, llama, vocabulary: Vocabulary, sources: list[str], run: int = RUN):
        self.llama, self.vocabulary, self.run = llama, vocabulary, run
        self.following = source_runs(sources, run)
        self.start: int | None = None

    def __call__(self, input_ids, logits):
        if self.start is None:
            self.start = len(input_ids)
        if len(self.vocabulary.foreign):
            logits[self.vocabulary.foreign] = -np.inf
        written = input_ids[self.start:]
        if len(written) == 0 or not self.following:
            return logits
        tail = self.llama.detokenize([int(t) for t in written[-_TAIL_TOKENS:]]).decode("utf-8", errors="ignore")
        words = [w.lower() for w in _WORD_RE.findall(tail)]
        if len(words) < self.run - 1:
            return logits
        copying = [t for word in self.following.get(tuple(words[-(self.run - 1):]), ()) for t in self.vocabulary.starting(word)]
        if copying:
            logits[np.array(sorted(set(copying)), dtype=np.int64)] -= PENALTY
        return logits
