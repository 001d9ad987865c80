"""assess: AI-readiness and smart-factory self-assessment for Huai'an SMEs.

Importing this package loads nothing heavy (no textual, no weasyprint, no jinja2).
"""

__version__ = "0.1.0"
