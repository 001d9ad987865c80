"""What a quick scan costs an owner: screens, questions, characters to read, keys, estimated minutes.

Walks the quick scan of the newest questionnaire (or ``--version``) as two typical respondents would —
a 60-person machinery manufacturer and a small shop — answering each question as it appears (show-if
applied after every answer), and prints for each: question screens, questions, characters of labels and
options (help texts counted apart), keys pressed, and minutes at 300 characters a minute plus 5 seconds
a screen. Target (issue 15): at most 35 questions, 3,000 characters and 15 minutes.

Usage: ``.venv/bin/python scripts/scan_cost.py [--version 1.2.0] [--lang zh]``
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from assess.domain.answers import Answer
from assess.domain.questionnaire import CHOICE_KINDS, Question, group_screens
from assess.domain.text import Lang
from assess.engine import Engine
from assess.files.loading import load_bundle
from assess.pipeline import engine_for

CHARS_PER_MINUTE = {"zh": 300, "en": 1200}
"""Reading speed: 300 Chinese characters a minute (issue 15); English about 200 words (1,200 letters)."""
SECONDS_PER_SCREEN = 5

PROFILES: dict[str, dict[str, object]] = {
    "manufacturer (60 staff, machinery)": {
        "p_region": "huaiyin",
        "p_est_date": "2009-03-18",
        "p_industry": "manufacturing",
        "p_mfg_sector": "machinery",
        "p_ai_role": "adopter",
        "p_employees": 60,
        "p_st_staff": 8,
        "p_revenue_y1": 4800,
        "p_revenue_y2": 4500,
        "p_revenue_y3": 4100,
        "p_hitech_revenue": 0,
        "p_assets": 3900,
        "p_rd_y1": 150,
        "p_rd_y2": 130,
        "p_rd_y3": 120,
        "p_ip_class1": 0,
        "p_ip_class2": 6,
        "p_titles": ["none"],
        "p_gsm": True,
        "p_incidents": ["none"],
        "p_genai_public": "none",
        "p_ai_spend_types": ["model_api"],
        "p_financing": ["working_capital"],
        "a2_systems": ["finance", "erp"],
        "a4_security": ["antivirus", "backup"],
        "d_pain": ["cost", "quality"],
    },
    "shop (8 staff, retail)": {
        "p_region": "qingjiangpu",
        "p_est_date": "2016-06-01",
        "p_industry": "commerce",
        "p_ai_role": "adopter",
        "p_employees": 8,
        "p_st_staff": 0,
        "p_revenue_y1": 300,
        "p_revenue_y2": 280,
        "p_revenue_y3": 260,
        "p_hitech_revenue": 0,
        "p_assets": 150,
        "p_rd_y1": 0,
        "p_rd_y2": 0,
        "p_rd_y3": 0,
        "p_ip_class1": 0,
        "p_ip_class2": 0,
        "p_titles": ["none"],
        "p_incidents": ["none"],
        "p_genai_public": "none",
        "p_ai_spend_types": ["none"],
        "p_financing": ["none"],
        "a2_systems": ["finance"],
        "a4_security": ["antivirus"],
        "d_pain": ["sales"],
    },
}
"""Answers of the two respondents; a question not listed gets its second option (or 1, or no)."""


@dataclass
class Cost:
    """What one walk of the quick scan costs."""

    screens: int = 0
    questions: int = 0
    chars: int = 0
    help_chars: int = 0
    keys: int = 0

    def minutes(self, lang: Lang) -> float:
        """Reading time in `lang` plus a fixed time per screen."""
        return self.chars / CHARS_PER_MINUTE[lang] + self.screens * SECONDS_PER_SCREEN / 60


def _default(q: Question, engine: Engine) -> object:
    """A plausible answer to a question the profile does not list."""
    codes = [c for c, o in engine.options[q.id].items() if not o.exclusive]
    if q.kind in CHOICE_KINDS:
        code = codes[1] if len(codes) > 1 else codes[0]
        return [code] if q.kind == "multi" else code
    return {"yesno": False, "date": "2020-01-01", "text": "无"}.get(q.kind, 1)


def _keys(q: Question, value: object) -> int:
    """Keys to give `value`: an option key per choice, the characters typed; plus enter."""
    if q.kind in CHOICE_KINDS or q.kind == "yesno":
        return (len(value) if isinstance(value, list) else 1) + 1
    return len(str(value)) + 1


def _valid(q: Question, engine: Engine, value: object) -> object:
    """`value` when it is an answer to `q` in this version (codes change between versions), else a default."""
    codes = engine.options.get(q.id, {})
    if q.kind in CHOICE_KINDS:
        picked = value if isinstance(value, list) else [value]
        if not all(c in codes for c in picked):
            return _default(q, engine)
    return value


def walk(engine: Engine, profile: dict[str, object], lang: Lang) -> Cost:
    """Answer the quick scan question by question as `profile` would; what it cost."""
    answers: dict[str, Answer] = {}
    while True:
        todo = [q for q in engine.visible_questions(answers, "quick") if q.id not in answers]
        if not todo:
            break
        q = todo[0]
        value = _valid(q, engine, profile.get(q.id, _default(q, engine)))
        answers[q.id] = Answer.model_validate({"value": value})
    cost = Cost()
    forms = {f.id: f for s in engine.questionnaire.sections for f in s.screens}
    for screen in group_screens(engine.visible_questions(answers, "quick")):
        cost.screens += 1
        form = forms.get(screen[0].screen or "")
        if form is not None:
            cost.chars += len(form.title.get(lang))
            cost.help_chars += len(form.help.get(lang)) if form.help else 0
        for q in screen:
            cost.questions += 1
            options = engine.options.get(q.id, {})
            cost.chars += len(q.label.get(lang)) + sum(len(o.label.get(lang)) for o in options.values())
            cost.help_chars += len(q.help.get(lang)) if q.help else 0
            cost.help_chars += sum(len(o.help.get(lang)) for o in options.values() if o.help)
            cost.keys += _keys(q, answers[q.id].value)
    return cost


def main() -> None:
    """Print the cost of the quick scan for each profile."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--version", help="questionnaire version (default: the newest)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    args = parser.parse_args()
    bundle = load_bundle()
    latest = bundle.latest()
    qn = bundle.get(latest.id, args.version) if args.version else latest
    if qn is None:
        parser.error(f"no questionnaire version {args.version}")
    engine = engine_for(bundle, qn)
    print(
        f"quick scan of {qn.id} {qn.version} ({args.lang}); {CHARS_PER_MINUTE[args.lang]} chars/min + {SECONDS_PER_SCREEN} s/screen"
    )
    print(f"{'respondent':<36}{'screens':>8}{'questions':>10}{'chars':>7}{'(+help)':>8}{'keys':>6}{'minutes':>9}")
    for name, profile in PROFILES.items():
        c = walk(engine, profile, args.lang)
        print(
            f"{name:<36}{c.screens:>8}{c.questions:>10}{c.chars:>7}{c.help_chars:>8}{c.keys:>6}{c.minutes(args.lang):>9.1f}"
        )


if __name__ == "__main__":
    main()
