"""Serve: a local preview that rebuilds on every save.

Takes a project (site.yaml, seeds/, content/, layouts/) and gives a web server on
the local machine that serves output/ under the sub-path of ``base_url``. It
watches the inputs, runs the same incremental ingest and build as the ``build``
command on each save, and tells open pages to reload over server-sent events; a
bad edit shows as a banner on the page. Nothing it adds to a response (the reload
script, local links) is ever written to output/.
"""
