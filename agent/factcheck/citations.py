"""Citation precision and recall as ALCE defines them (Gao et al., 2023, "Enabling LLMs to Generate Text with Citations").

- Recall: a statement's citations, taken together, must support it; a statement without citations
  scores 0. Citation recall is the mean over statements.
- Precision: a citation is irrelevant when its passage alone does not support the statement and the
  other citations still do without it. When the citations together fail, none of them is precise.
  Citation precision is the share of citations that are not irrelevant.
- A citation to a passage that is not in the references is an error: it is reported, it makes its
  statement unsupported, and it never counts as precise.

Support is decided by an `entails` function given all questions of a round at once, so the checker
can batch its model calls; dramatized sentences are not statements of fact and are left out.
"""

from __future__ import annotations

from typing import Callable

from agent.factcheck.claims import Unit
from agent.state import CitationCheck, CitationReport

Query = tuple[int, tuple[str, ...]]
Entails = Callable[[list[Query]], dict[Query, bool]]


def citation_report(units: list[Unit], known: set[str], entails: Entails) -> CitationReport:
    """Score every citation of the text's sentences; `entails` answers (sentence index, passage ids) questions."""
    statements = [(i, u) for i, u in enumerate(units) if not u.dramatized]
    valid = {i: tuple(pid for pid in u.citations if pid in known) for i, u in statements}
    joint_queries = [(i, valid[i]) for i, u in statements if valid[i] and len(valid[i]) == len(u.citations)]
    joint = entails(joint_queries) if joint_queries else {}
    multi = [(i, ids) for (i, ids), ok in joint.items() if ok and len(ids) > 1]
    follow_up = [(i, (pid,)) for i, ids in multi for pid in ids]
    follow_up += [(i, tuple(p for p in ids if p != pid)) for i, ids in multi for pid in ids]
    answers = dict(joint)
    if follow_up:
        answers.update(entails(list(dict.fromkeys(follow_up))))

    checks, precise, total = [], 0, 0
    for i, unit in statements:
        unknown = [pid for pid in unit.citations if pid not in known]
        supported = bool(unit.citations) and not unknown and answers.get((i, valid[i]), False)
        irrelevant = []
        if supported and len(valid[i]) > 1:
            for pid in valid[i]:
                alone = answers.get((i, (pid,)), False)
                rest = answers.get((i, tuple(p for p in valid[i] if p != pid)), False)
                if not alone and rest:
                    irrelevant.append(pid)
        total += len(unit.citations)
        precise += (len(valid[i]) - len(irrelevant)) if supported else 0
        checks.append(CitationCheck(sentence=unit.text, cited=unit.citations, supported=supported,
                                    irrelevant=irrelevant, unknown=unknown))
    return CitationReport(
        precision=round(precise / total, 4) if total else None,
        recall=round(sum(c.supported for c in checks) / len(checks), 4) if checks else None,
        sentences=checks,
    )
