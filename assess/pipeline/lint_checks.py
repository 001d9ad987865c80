"""The meaning checks of `assess validate`, one function per thing checked (see :mod:`assess.pipeline.lint`).

Pydantic checks shapes; these check meaning: duplicate ids, references to unknown or later questions,
literals that do not match the question, unknown option codes, unreachable required questions, band
gaps and overlaps, level order, forms, and missing translations. Each check reports a problem with the
path of the offending node in the YAML tree (``("sections", 2, "questions", 0, "show_if")``); the caller
turns the path into a file and line.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

from pydantic import BaseModel

from assess.domain import conditions as c
from assess.domain.catalog import Catalog
from assess.domain.questionnaire import Question, Questionnaire, Section
from assess.domain.text import Text
from assess.engine.kinds import KINDS
from assess.engine.logic import walk
from assess.engine.matching import PLACEHOLDER

Path_ = tuple[str | int, ...]
"""Where a node lies in a definitions file's YAML tree."""
Report = Callable[[Path_, str], None]
"""Takes a problem: the path of the node it is about and the message."""


def _texts(obj: object, path: Path_) -> Iterator[tuple[Path_, Text]]:
    if isinstance(obj, Text):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _texts(getattr(obj, name), (*path, name))
    elif isinstance(obj, list):
        for i, x in enumerate(obj):
            yield from _texts(x, (*path, i))
    elif isinstance(obj, dict):
        for k, x in obj.items():
            yield from _texts(x, (*path, k))


def check_translations(model: BaseModel, report: Report) -> None:
    """Every user-facing text has Chinese and English."""
    for path, text in _texts(model, ()):
        for lang in ("zh", "en"):
            if not getattr(text, lang).strip():
                report(path, f"missing {lang} translation")


class _Refs:
    """What a condition may refer to, and how to check its literals."""

    def __init__(self, q: Questionnaire) -> None:
        self.questions = {x.id: x for s in q.sections for x in s.questions}
        self.order = {qid: i for i, qid in enumerate(self.questions)}
        self.options = {
            x.id: {
                o.code for o in (q.choice_lists.get(x.options, []) if isinstance(x.options, str) else x.options or [])
            }
            for x in self.questions.values()
        }
        self.computed = {x.id for x in q.computed}
        self.dims = {d.id for b in q.scoring.blocks for d in b.dimensions}
        self.blocks = {b.id for b in q.scoring.blocks}


def check_condition(
    node: object, path: Path_, refs: _Refs, report: Report, *, before: str | None = None, scores: bool = True
) -> None:
    """Unknown ids, wrong literal types, unknown codes, references to later questions, scores in flow."""
    for n in walk(node):
        qid = getattr(n, "q", None)
        if isinstance(qid, str):
            q = refs.questions.get(qid)
            if q is None:
                report(path, f"refers to unknown question '{qid}'")
                continue
            if before is not None and qid != before and refs.order.get(qid, -1) > refs.order.get(before, 10**9):
                report(path, f"refers to question '{qid}', which comes later")
            if isinstance(n, c.Eq | c.Ne):
                msg = KINDS[q.kind].literal_problem(q, refs.options[qid], n.value)
                if msg:
                    report(path, msg)
            elif isinstance(n, c.In):
                for v in n.values:
                    msg = KINDS[q.kind].literal_problem(q, refs.options[qid], v)
                    if msg:
                        report(path, msg)
            elif isinstance(n, c.Selected | c.CountSelected) and not KINDS[q.kind].multiple:
                report(path, f"'{n.op}' needs a multiple-choice question; {qid} is {q.kind}")
            elif isinstance(n, c.Selected):
                for code in n.codes:
                    if code not in refs.options[qid]:
                        report(path, f"{code!r} is not an option code of {qid}")
            elif isinstance(n, c.Compare) and not KINDS[q.kind].numeric:
                report(path, f"'{n.op}' compares numbers; {qid} is {q.kind}")
            elif isinstance(n, c.YearsSince) and not KINDS[q.kind].dated:
                report(path, f"years_since needs a date question; {qid} is {q.kind}")
            elif isinstance(n, c.Special) and not (q.allow_na if n.op == "is_na" else q.allow_dk):
                report(path, f"{qid} does not offer {'not applicable' if n.op == 'is_na' else 'do not know'}")
        cid = getattr(n, "computed", None)
        if isinstance(cid, str) and cid not in refs.computed:
            report(path, f"refers to unknown computed value '{cid}'")
        did, bid = getattr(n, "dim", None), getattr(n, "block", None)
        if isinstance(did, str) and did not in refs.dims:
            report(path, f"refers to unknown dimension '{did}'")
        if isinstance(bid, str) and bid not in refs.blocks:
            report(path, f"refers to unknown block '{bid}'")
        if not scores and (did or bid or getattr(n, "index", None)):
            report(path, "scores are not known while the questionnaire is being answered")


def _dupes(ids: list[str], paths: list[Path_], what: str, report: Report) -> None:
    seen: set[str] = set()
    for i, p in zip(ids, paths, strict=True):
        if i in seen:
            report(p, f"duplicate {what} id '{i}'")
        seen.add(i)


def _check_bands(q: Question, path: Path_, report: Report) -> None:
    bands = q.bands
    for i, b in enumerate(bands):
        if b.min is not None and b.max is not None and b.min >= b.max:
            report((*path, "bands", i), f"band min {b.min:g} is not below max {b.max:g}")
    for i in range(1, len(bands)):
        prev, cur = bands[i - 1].max, bands[i].min
        if prev is None or cur is None or prev != cur:
            kind = "overlap" if prev is not None and cur is not None and cur < prev else "gap"
            report((*path, "bands", i), f"bands of {q.id} leave a {kind} between {prev} and {cur}")
    if bands and bands[0].min is not None and (q.bounds[0] is None or bands[0].min > q.bounds[0]):
        report((*path, "bands", 0), f"bands of {q.id} do not cover values below {bands[0].min:g}")
    if bands and bands[-1].max is not None and (q.bounds[1] is None or bands[-1].max <= q.bounds[1]):
        report((*path, "bands", len(bands) - 1), f"bands of {q.id} do not cover values from {bands[-1].max:g}")


def _check_question(
    q: Question, path: Path_, section_cond: object, refs: _Refs, qn: Questionnaire, report: Report
) -> None:
    if isinstance(q.options, str) and q.options not in qn.choice_lists:
        report((*path, "options"), f"unknown choice list '{q.options}'")
    if isinstance(q.options, list):
        _dupes([o.code for o in q.options], [(*path, "options", i) for i in range(len(q.options))], "option", report)
    for name in ("show_if", "required"):
        cond = getattr(q, name)
        if cond is not None and not isinstance(cond, bool):
            check_condition(cond, (*path, name), refs, report, before=q.id, scores=False)
    for i, ch in enumerate(q.checks):
        check_condition(ch.rule, (*path, "checks", i), refs, report, before=q.id, scores=False)
    _check_bands(q, path, report)
    if q.depth == "quick":
        for cond in (section_cond, q.show_if):
            for qid in {getattr(n, "q", None) for n in walk(cond)} if cond is not None else ():
                ref = refs.questions.get(str(qid))
                if ref is not None and ref.depth == "full":
                    report(
                        (*path, "show_if"),
                        f"quick-scan question depends on full-diagnosis question '{qid}': "
                        "it can never be shown in a quick scan",
                    )


def check_questionnaire(qn: Questionnaire, report: Report, support_ids: set[str] | None) -> None:
    """Meaning checks of one questionnaire version."""
    refs = _Refs(qn)
    qpaths: list[Path_] = []
    for si, s in enumerate(qn.sections):
        if s.show_if is not None:
            first = s.questions[0].id
            check_condition(s.show_if, ("sections", si, "show_if"), refs, report, before=first, scores=False)
        for qi, q in enumerate(s.questions):
            path: Path_ = ("sections", si, "questions", qi)
            qpaths.append(path)
            _check_question(q, path, s.show_if, refs, qn, report)
        _check_forms(s, si, report)
    _dupes([q.id for s in qn.sections for q in s.questions], qpaths, "question", report)
    _dupes([s.id for s in qn.sections], [("sections", i) for i in range(len(qn.sections))], "section", report)
    for name, lst in qn.choice_lists.items():
        _dupes([o.code for o in lst], [("choice_lists", name, i) for i in range(len(lst))], "option", report)
    for i, cp in enumerate(qn.computed):
        check_condition(cp.expr, ("computed", i, "expr"), refs, report)
        codes = {x for n in walk(cp.expr) if isinstance(n, c.Case) for x in (*(a.then for a in n.cases), n.default)}
        for code in sorted(x for x in codes if isinstance(x, str) and x not in cp.labels):
            report(("computed", i), f"result code '{code}' has no entry in labels (users would see the code)")
        if cp.id in refs.questions:
            report(("computed", i), f"computed id '{cp.id}' is also a question id")
    _check_scoring(qn, refs, report)
    for i, a in enumerate(qn.actions):
        if a.dimension not in refs.dims:
            report(("actions", i, "dimension"), f"unknown dimension '{a.dimension}'")
        if a.when is not None:
            check_condition(a.when, ("actions", i, "when"), refs, report)
        _unknown_supports(a.supports, ("actions", i, "supports"), support_ids, report)
    for i, t in enumerate(qn.toolbox):
        for name in ("in_use", "relevant_if"):
            if getattr(t, name) is not None:
                check_condition(getattr(t, name), ("toolbox", i, name), refs, report)
        for j, p in enumerate(t.prerequisites):
            check_condition(p.rule, ("toolbox", i, "prerequisites", j), refs, report)
        if t.adoption_q and t.adoption_q not in refs.questions:
            report(("toolbox", i, "adoption_q"), f"unknown question '{t.adoption_q}'")
        _unknown_supports(t.supports, ("toolbox", i, "supports"), support_ids, report)
    for i, e in enumerate(qn.estimates):
        for j, case in enumerate(e.cases):
            check_condition(case.when, ("estimates", i, "cases", j), refs, report)
    for name in ("region", "sector"):
        qid = getattr(qn.breakdowns, name)
        if qid is not None and (qid not in refs.questions or refs.questions[qid].kind != "single"):
            report(("breakdowns", name), f"'{qid}' is not a single-choice question")
    _dupes([a.id for a in qn.actions], [("actions", i) for i in range(len(qn.actions))], "action", report)
    _dupes([t.id for t in qn.toolbox], [("toolbox", i) for i in range(len(qn.toolbox))], "tool", report)
    check_translations(qn, report)


FORM_KINDS = frozenset(k for k, kind in KINDS.items() if kind.on_form)
"""Kinds a form can ask (one-line inputs)."""


def _check_forms(s: Section, si: int, report: Report) -> None:
    """A form's questions: known form, one-line kinds, one unbroken run in the section."""
    forms = {f.id for f in s.screens}
    _dupes([f.id for f in s.screens], [("sections", si, "screens", i) for i in range(len(s.screens))], "form", report)
    runs: list[str] = []
    for qi, q in enumerate(s.questions):
        if q.screen is None:
            continue
        path: Path_ = ("sections", si, "questions", qi, "screen")
        if q.screen not in forms:
            report(path, f"unknown form '{q.screen}' (not in the section's screens)")
        if q.kind not in FORM_KINDS:
            report(path, f"a {q.kind} question cannot be on a form (only {', '.join(sorted(FORM_KINDS))})")
        prev = s.questions[qi - 1].screen if qi else None
        if q.screen != prev and q.screen in runs:
            report(path, f"the questions of form '{q.screen}' must follow each other")
        runs.append(q.screen)


def _unknown_supports(ids: list[str], path: Path_, known: set[str] | None, report: Report) -> None:
    for sid in ids:
        if known is not None and sid not in known:
            report(path, f"unknown support '{sid}'")


def _check_scoring(qn: Questionnaire, refs: _Refs, report: Report) -> None:
    scored_in: dict[str, str] = {}
    dim_paths: list[Path_] = []
    dim_ids: list[str] = []
    for bi, b in enumerate(qn.scoring.blocks):
        for di, d in enumerate(b.dimensions):
            dpath: Path_ = ("scoring", "blocks", bi, "dimensions", di)
            dim_paths.append(dpath)
            dim_ids.append(d.id)
            quick = False
            for ii, it in enumerate(d.items):
                q = refs.questions.get(it.q)
                if q is None:
                    report((*dpath, "items", ii), f"unknown question '{it.q}'")
                    continue
                quick = quick or q.depth == "quick"
                if not KINDS[q.kind].scorable(q, bool(refs.options[q.id]) and _any_scored(qn, q)):
                    report((*dpath, "items", ii), f"question '{it.q}' ({q.kind}) has no scores")
                if it.q in scored_in:
                    report((*dpath, "items", ii), f"question '{it.q}' is already scored in {scored_in[it.q]}")
                scored_in[it.q] = d.id
            if not quick:
                report(dpath, f"dimension {d.id} has no quick-scan question: a quick scan cannot score it")
            mins = [x.min for x in d.descriptors]
            if mins and (mins != sorted(mins) or mins[0] != 0):
                report((*dpath, "descriptors"), "descriptors must start at 0 and rise")
    _dupes(dim_ids, dim_paths, "dimension", report)
    blocks = qn.scoring.blocks
    _dupes([b.id for b in blocks], [("scoring", "blocks", i) for i in range(len(blocks))], "block", report)
    if qn.scoring.ai_readiness.block not in refs.blocks:
        report(("scoring", "ai_readiness", "block"), f"unknown block '{qn.scoring.ai_readiness.block}'")
    for name in ("overall", "ai_readiness"):
        scale = getattr(qn.scoring, name)
        mins = [lv.min_score for lv in scale.levels]
        if mins[0] != 0 or any(b <= a for a, b in itertools.pairwise(mins)):
            report(("scoring", name, "levels"), "level bands must start at 0 and rise strictly (gap or overlap)")
        for li, lv in enumerate(scale.levels):
            for fi, f in enumerate(lv.floors):
                fpath: Path_ = ("scoring", name, "levels", li, "floors", fi)
                for d in f.dims:
                    if d not in refs.dims:
                        report(fpath, f"unknown dimension '{d}'")
                for b in f.blocks:
                    if b not in refs.blocks:
                        report(fpath, f"unknown block '{b}'")
                if f.rule is not None:
                    check_condition(f.rule, fpath, refs, report)
    focus = qn.scoring.focus
    if focus is not None:
        if focus.q not in refs.questions:
            report(("scoring", "focus", "q"), f"unknown question '{focus.q}'")
        for code, dims in focus.map.items():
            if focus.q in refs.options and code not in refs.options[focus.q]:
                report(("scoring", "focus", "map", code), f"{code!r} is not an option of {focus.q}")
            for dim_id in dims:
                if dim_id not in refs.dims:
                    report(("scoring", "focus", "map", code), f"unknown dimension '{dim_id}'")


def _any_scored(qn: Questionnaire, q: Question) -> bool:
    opts = qn.choice_lists.get(q.options, []) if isinstance(q.options, str) else q.options or []
    return any(o.score is not None for o in opts)


def check_catalog(cat: Catalog, latest: list[Questionnaire], report: Report) -> None:
    """Catalog rules refer to questions of the newest questionnaire versions; ids and clauses are sound."""
    ids = [s.id for s in cat.supports]
    _dupes(ids, [("supports", i) for i in range(len(ids))], "support", report)
    for i, s in enumerate(cat.supports):
        path: Path_ = ("supports", i)
        for cl in s.clauses:
            if not 1 <= cl <= 24:
                report((*path, "clauses"), f"clause {cl} is not an item (1–24) of the plan")
        for dep in s.after:
            if dep not in ids:
                report((*path, "after"), f"unknown support '{dep}'")
        _dupes([r.id for r in s.rules], [(*path, "rules", j) for j in range(len(s.rules))], "rule", report)
        for qn in latest:
            refs = _Refs(qn)
            for tpath, text in _texts(s, path):
                for kind, ident in PLACEHOLDER.findall(text.zh + text.en):
                    if ident not in (refs.questions if kind == "q" else refs.computed):
                        report(
                            tpath,
                            f"placeholder {{{kind}.{ident}}} names no {'question' if kind == 'q' else 'computed value'}",
                        )
            for j, r in enumerate(s.rules):
                check_condition(r.rule, (*path, "rules", j, "rule"), refs, report)
                if r.applies_if is not None:
                    check_condition(r.applies_if, (*path, "rules", j, "applies_if"), refs, report)
            for j, f in enumerate(s.fit):
                check_condition(f.rule, (*path, "fit", j, "rule"), refs, report)
    check_translations(cat, report)
