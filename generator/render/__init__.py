"""Render: the site model → the files of output/.

Takes the ``Site`` from the site stage, the templates and static files in
layouts/, and gives every file of the built site: HTML pages through Jinja2, RSS
and Atom feeds (each declared once in ``feedplan``), the sitemap and robots.txt.
``urls`` is the one place that computes a URL or an output path. ``build`` plans
the outputs with the fingerprints of what each is made from, renders the stale
ones on every core, and ``publish`` moves them into output/ as one transaction.
"""
