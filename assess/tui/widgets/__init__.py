"""Widgets of the terminal app: answer inputs per question kind, the section list, score bars, the footer."""
