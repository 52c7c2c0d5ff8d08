"""The command line: ``python -m generator ingest | build | serve | check``.

Takes the user's arguments and gives exit codes and messages in one format,
``path:line: level: message``. It is the only module that calls every stage
(ingest, the site model through render's build, serve and check), prints their
diagnostics and summaries, and draws the progress bar on a terminal.
"""
