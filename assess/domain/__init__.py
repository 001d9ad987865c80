"""Pydantic models of the product's data: questionnaire, conditions, catalog, answers, results.

This package imports only the standard library and pydantic. It does no I/O.
"""
