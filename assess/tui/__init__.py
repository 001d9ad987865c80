"""The terminal app (Textual). The only package allowed to import textual; entry point :func:`app.run_app`."""
