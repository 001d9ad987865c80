"""The export use case renders the Evaluation it is handed: one scoring per export, PDF and screen agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.domain.answers import AnswerFile
from assess.engine import scoring
from assess.export import export_pdf
from assess.files.loading import Bundle
from assess.pipeline import evaluate


@pytest.mark.slow
def test_exporting_an_evaluation_scores_nothing_again(
    mini_bundle: Bundle, mini_answers: AnswerFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = scoring.score

    def counting(engine: object, af: AnswerFile) -> object:
        calls.append(af.response_id)
        return real(engine, af)  # type: ignore[arg-type]

    monkeypatch.setattr(scoring, "score", counting)
    shown = evaluate(mini_bundle, mini_answers)  # what the results screen shows
    out = export_pdf(shown, tmp_path / "r.pdf", lang="en")
    assert calls == [mini_answers.response_id]  # the one scoring of the screen; the PDF reused it
    assert out.read_bytes().startswith(b"%PDF")

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert shown.result.overall.level.label.en in text or shown.result.overall.level.label.zh in text
