"""Check: verify a built site as a browser and a feed reader would.

Takes output/ (and site.yaml for ``base_url``) and gives a list of problems, each
with its file and line: internal links, assets and ``#fragments`` that do not
resolve; feeds that are not well-formed or repeat an id; pages that break the
HTML5 parsing rules or lack a title, a doctype or alt text; and, as warnings,
pages no link reaches. It reads the files only, never the site model, so it
checks exactly what a host would serve.
"""
