"""Ingest: seeds/ → content/.

Takes the raw news documents in seeds/ (articles and live blogs as copied from a
web page, or ``.md`` files with front matter) and gives one Markdown page with YAML
front matter per article, live blog and live post in content/. It finds the seed
files, parses each into pieces (headline, bylines, dates, dateline, captions,
posts), turns pieces into documents, and writes them without ever overwriting a
page an editor changed; its ledger, ``content/.ingest.json``, remembers what it
wrote. It also gives the per-seed report rows of ``ingest --report``, and
``ingest --check``, a dry run that names the pages out of date with their seeds.
Nothing here reads the site model or renders anything.
"""
