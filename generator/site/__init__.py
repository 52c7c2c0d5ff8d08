"""The site stage: content/ → the frozen site model.

Takes the Markdown pages in content/ (whoever wrote them: ingest or an editor) and
the settings of site.yaml, and gives one ``Site`` of frozen values: every page
with its HTML body, summary and topics; the edition days with their ranked
stories (related coverage grouped by clustering) and key points; and the topic,
author, place and outlet terms. ``load.load_site`` is the one entry: it reads and
prepares each content file (cached by content hash), then assembles the model.
Nothing here writes output or knows a URL.
"""
