"""One open assessment: its answer file, where it is saved, and the engine that runs it.

The screens change answers only through a :class:`Session`, which saves the file after every change
(atomically, via :func:`assess.files.storage.save_answers`), so a crash or a closed terminal loses at most
the answer being typed. The session holds no scoring logic: flow and checks come from the engine,
results from :func:`assess.pipeline.assess_answers`. No textual import here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from assess.domain.answers import Answer, AnswerFile
from assess.domain.errors import AssessError
from assess.domain.questionnaire import Form, Question, Section, group_screens
from assess.domain.text import Text
from assess.engine import Issue
from assess.engine.answers import ParseError

if TYPE_CHECKING:
    from assess.domain.results import AssessmentResult
    from assess.files.loading import Bundle
    from assess.pipeline import Evaluation


class Session:
    """An assessment being filled in.

    Args:
        bundle: the loaded questionnaires and catalog.
        answer_file: the answers (changed in place).
        path: where the file is saved.
        on_save_error: called with the message when a save fails (the UI shows it).
    """

    def __init__(
        self,
        bundle: Bundle,
        answer_file: AnswerFile,
        path: Path,
        on_save_error: Callable[[str], None] | None = None,
    ) -> None:
        from assess.pipeline import resolve

        self.bundle = bundle
        self.engine, self.file = resolve(bundle, answer_file, name=str(path))
        self.questionnaire = self.engine.questionnaire
        self.path = path
        self.on_save_error = on_save_error
        self.repaired: list[str] = []
        """Fields dropped on opening because they failed validation (the original is in `backup`)."""
        self.backup: Path | None = None

    # ------------------------------------------------------------------ creating and opening

    @classmethod
    def new(
        cls, bundle: Bundle, workspace: Path, company: str, *, depth: str, assessor: str | None, language: str
    ) -> Session:
        """Start a new assessment of `company` on the latest questionnaire and save it."""
        from assess.files import storage
        from assess.pipeline import engine_for

        q = bundle.latest()
        engine = engine_for(bundle, q)
        af = storage.new_answer_file(
            q.id,
            q.version,
            engine.sha256,
            company,
            depth=depth,
            mode="consultant" if assessor else "self",
            assessor=assessor,
            language=language,
        )
        session = cls(bundle, af, storage.answer_path(workspace, af))
        first = session.current()
        af.progress.current = first.id if first is not None else None
        session.save()
        return session

    @classmethod
    def open(cls, bundle: Bundle, path: Path) -> Session:
        """Open a saved assessment (migrated when saved with an older questionnaire version).

        Fields that fail validation are dropped (listed in `repaired`) and the original is kept as a
        backup file next to it, so a bad field never makes the whole assessment unreadable.

        Raises:
            AssessError: the file is unreadable, not JSON, or not an assessment at all (one-line message).
        """
        from assess.files import repair, storage
        from assess.pipeline import drop_invalid_answers

        data = storage.read_answer_bytes(path)
        opened = repair.open_tolerant(data, str(path))
        dropped = opened.dropped + drop_invalid_answers(bundle, opened.answer_file, str(path))
        session = cls(bundle, opened.answer_file, path)
        if dropped:
            session.repaired = dropped
            session.backup = repair.keep_original(path, data)
            session.save(touch=False)
        return session

    @classmethod
    def reassess(cls, bundle: Bundle, workspace: Path, t0: AnswerFile, assessor: str | None) -> Session:
        """Start a re-assessment (T1) from `t0`: answers pre-filled and marked for confirmation."""
        from assess.files import storage
        from assess.pipeline import engine_for

        q = bundle.latest(t0.questionnaire.id)
        af = storage.reassessment_from(t0, q, engine_for(bundle, q).sha256)
        if assessor:
            af.mode, af.assessor, af.visit_date = "consultant", assessor, date.today()
        session = cls(bundle, af, storage.answer_path(workspace, af))
        session.save()
        return session

    # ------------------------------------------------------------------ flow

    @property
    def depth(self) -> str:
        """``quick`` or ``full``."""
        return self.file.depth

    @property
    def consultant(self) -> bool:
        """Whether notes and the verified flag are shown."""
        return self.file.mode == "consultant"

    def visible(self) -> list[Question]:
        """The questions this company sees now, in order (show-if applied to the current answers)."""
        return self.engine.visible_questions(self.file.answers, self.depth)

    def sections(self) -> list[tuple[Section, list[Question]]]:
        """Every section with its visible questions."""
        return self.engine.sections(self.file.answers, self.depth)

    def screens(self) -> list[list[Question]]:
        """The visible questions as the screens that ask them (a form's questions share one)."""
        return group_screens(self.visible())

    def screen_of(self, q: Question) -> list[Question]:
        """The questions shown with `q` (just `q` unless it is on a form)."""
        if q.screen is None:
            return [q]
        return next((s for s in self.screens() if q in s), [q])

    def form(self, q: Question) -> Form | None:
        """The form `q` is asked on, if any."""
        if q.screen is None:
            return None
        section = next(s for s in self.questionnaire.sections if s.id == self.engine.section_of[q.id])
        return next((f for f in section.screens if f.id == q.screen), None)

    def progress(self, qid: str) -> tuple[int, int, list[tuple[Section, int, int]]]:
        """Where `qid` is: (n, of visible screens, [(section, answered, visible) for every section])."""
        sections = self.sections()
        screens = self.screens()
        n = next((i for i, s in enumerate(screens, start=1) if any(q.id == qid for q in s)), 0)
        counts = [(s, sum(self.is_answered(q.id) for q in qs), len(qs)) for s, qs in sections]
        return (n, len(screens), counts)

    def is_answered(self, qid: str) -> bool:
        """A real answer, or n/a, or don't know (a pre-filled one awaiting confirmation counts too)."""
        a = self.file.answers.get(qid)
        return a is not None and a.is_given

    def required_open(self) -> list[str]:
        """Shown, required questions still open."""
        return self.engine.required_open(self.file.answers, self.depth)

    def is_required(self, q: Question) -> bool:
        """Whether `q` is required for this company now."""
        return self.engine.is_required(q, self.engine.context(self.file.answers, self.depth))

    def current(self) -> Question | None:
        """The question to show on opening: the saved one if still visible, else the first one that is open
        or awaits confirmation."""
        visible = self.visible()
        if not visible:
            return None
        cur = self.file.progress.current
        for q in visible:
            if q.id == cur:
                return q
        return next((q for q in visible if not self.is_answered(q.id) or self.needs_confirming(q.id)), visible[0])

    def needs_confirming(self, qid: str) -> bool:
        """A pre-filled answer from the earlier assessment not yet confirmed."""
        a = self.file.answers.get(qid)
        return a is not None and a.to_confirm

    def neighbour(self, qid: str, step: int) -> Question | None:
        """The first question of the screen `step` screens after (or before) the one of `qid`, or None at
        either end."""
        screens = self.screens()
        at = next((i for i, s in enumerate(screens) if any(q.id == qid for q in s)), None)
        if at is None:
            return screens[0][0] if screens else None
        i = at + step
        return screens[i][0] if 0 <= i < len(screens) else None

    # ------------------------------------------------------------------ changing answers

    def check(self, q: Question, answer: Answer) -> list[Issue]:
        """Inline problems with `answer` (errors block moving on, warnings do not)."""
        return self.engine.check(q, answer, self.file.answers, self.depth)

    def set_answer(self, qid: str, value: object = None, special: str | None = None) -> None:
        """Record an answer (keeping the note and verified flag), confirm it, and save."""
        old = self.file.answers.get(qid)
        new = Answer.model_validate(
            {
                "value": value,
                "special": special,
                "note": old.note if old else None,
                "verified": old.verified if old else False,
            }
        )
        if new.special is None and not new.is_real and not new.note and not new.verified:
            self.file.answers.pop(qid, None)
        else:
            self.file.answers[qid] = new
        self.save()

    def record(self, q: Question, value: object, special: str | None) -> tuple[bool, list[Text]]:
        """Check an answer from the widget and save it unless it has an error.

        Empty input clears a real answer and keeps n/a or don't know; an unchanged pre-filled answer
        is confirmed. Returns (saved, messages): the errors when not saved, else the warnings.
        """
        old = self.file.answers.get(q.id)
        if value is None and special is None:
            if old is not None and old.special is not None:
                self.confirm(q.id)
            elif old is not None and old.is_real:
                self.set_answer(q.id, None)
            return True, []
        issues = self.check(q, Answer.model_validate({"value": value, "special": special}))
        errors = [i.message for i in issues if i.level == "error"]
        if errors:
            return False, errors
        if old is not None and old.value == value and old.special == special:
            self.confirm(q.id)
        else:
            self.set_answer(q.id, value, special)
        return True, [i.message for i in issues]

    def record_form(self, questions: list[Question], typed: dict[str, str]) -> tuple[bool, list[Text]]:
        """Check and save every field of a form that parses and passes its checks; an empty field clears
        its answer. Returns (all saved, messages), each message prefixed with its field's label."""
        ok, out = True, []
        for q in questions:
            text = typed.get(q.id, "").strip()
            try:
                answer = self.engine.parse(q, text) if text else Answer()
            except ParseError as exc:
                ok, msgs = False, [exc.text]
            else:
                saved, msgs = self.record(q, answer.value, answer.special)
                ok = ok and saved
            out += [Text(zh=f"{q.label.zh}：{m.zh}", en=f"{q.label.en}: {m.en}") for m in msgs]
        return ok, out

    def unusual(self, q: Question) -> Text | None:
        """The warning when the saved answer to `q` lies outside its plausible range (None otherwise)."""
        from assess.engine.answers import plausibility_issue

        a = self.file.answers.get(q.id)
        if a is None or not a.is_real or a.value is None:
            return None
        return plausibility_issue(q, a.value)

    def typing_error(self, q: Question, text: str) -> Text | None:
        """The first error with text being typed (nothing is saved)."""
        if not text.strip():
            return None
        try:
            answer = self.engine.parse(q, text)
        except ParseError as exc:
            return exc.text
        return next((i.message for i in self.check(q, answer) if i.level == "error"), None)

    def confirm(self, qid: str) -> None:
        """The respondent kept a pre-filled answer: clear its to-confirm mark and save."""
        a = self.file.answers.get(qid)
        if a is not None and a.to_confirm:
            a.to_confirm = False
            self.save()

    def set_note(self, qid: str, note: str | None = None, verified: bool | None = None) -> None:
        """Consultant mode: set the note and/or verified flag of `qid`, and save."""
        a = self.file.answers.setdefault(qid, Answer())
        if note is not None:
            a.note = note or None
        if verified is not None:
            a.verified = verified
        self.save()

    def set_current(self, qid: str) -> None:
        """Remember where the respondent is (resume opens here)."""
        if self.file.progress.current != qid:
            self.file.progress.current = qid
            self.save(touch=False)

    def set_language(self, lang: str) -> None:
        """Record the language the respondent uses."""
        if self.file.language != lang:
            self.file.language = lang  # type: ignore[assignment]
            self.save(touch=False)

    def finish(self) -> None:
        """Mark the assessment complete when no required question is open, and save."""
        if not self.required_open() and self.file.status != "complete":
            self.file.status = "complete"
            self.file.completed_at = datetime.now(UTC)
            self.save()

    def save(self, *, touch: bool = True) -> None:
        """Write the answer file atomically; report a failure instead of raising.

        Args:
            touch: update ``updated_at`` (not for UI state such as the current question).
        """
        from assess.files import storage

        try:
            storage.save_answers(self.path, self.file, touch=touch)
        except AssessError as exc:  # a full disk or a read-only folder must not crash the app
            if self.on_save_error is not None:
                self.on_save_error(str(exc))

    # ------------------------------------------------------------------ results

    def previous(self) -> AnswerFile | None:
        """The earlier assessment (T0) this one was started from, when it is in the same folder."""
        from assess.files import repair

        if not self.file.based_on:
            return None
        for entry in repair.list_workspace(self.path.parent):
            if entry.answer_file is not None and entry.answer_file.response_id == self.file.based_on:
                return entry.answer_file
        return None

    def evaluation(self) -> Evaluation:
        """Score the answers the same way ``assess score`` does; the results screen shows it and the PDF
        export renders this same Evaluation (one scoring per export)."""
        from assess.pipeline import evaluate

        return evaluate(self.bundle, self.file)

    def previous_evaluation(self) -> Evaluation | None:
        """The earlier assessment (T0) scored, for the report's progress page; None when there is none."""
        from assess.pipeline import evaluate

        prev = self.previous()
        return evaluate(self.bundle, prev) if prev is not None else None

    def result(self) -> AssessmentResult:
        """Score the answers the same way ``assess score`` does."""
        return self.evaluation().result
