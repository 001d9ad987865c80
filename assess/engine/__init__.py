"""The rule engine: compiled conditions, questionnaire flow, answer checks, scoring and matching.

Pure functions of (questionnaire, catalog, answers); no I/O, no UI. Front ends use :class:`Engine`:

    engine = Engine(questionnaire, catalog)          # compiles every condition once
    engine.visible_questions(answers, depth)         # the flow for this company, in order
    engine.check(question, answer, answers)          # inline errors / warnings for one answer
    engine.parse(question, text)                     # text typed or read from a spreadsheet -> value
    scoring.score(engine, answer_file)               # -> AssessmentResult (scores, levels, supports...)
"""

from assess.engine.core import Engine, Issue

__all__ = ["Engine", "Issue"]
