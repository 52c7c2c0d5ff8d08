"""The live-reload script that ``serve`` adds to HTML responses, and nothing else.

It is injected into each HTML response while serving, never written to a file.
The page learns the site's *generation* it was served at; it listens to a
server-sent event stream and reloads itself when the generation moves on. When
the last rebuild reported problems, it shows them in a banner at the top of the
page instead, so a bad edit is visible without looking at the terminal.
"""

from __future__ import annotations

import json
import re

EVENTS_PATH = "__news-digest__/events"
"""Site-relative path of the event stream (under base_url's sub-path)."""

BANNER_ID = "news-digest-problems"

_SCRIPT = """<script data-news-digest="live-reload">
(() => {
  const seen = %(generation)s;
  const source = new EventSource(%(events)s);
  const banner = (problems) => {
    let box = document.getElementById(%(banner)s);
    if (!problems.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = %(banner)s;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:50vh;overflow:auto;" +
        "margin:0;padding:0.75em 1em;background:#7a0000;color:#fff;font:14px/1.4 ui-monospace,monospace;" +
        "white-space:pre-wrap;box-shadow:0 2px 8px rgba(0,0,0,.4)";
      document.body.prepend(box);
    }
    box.textContent = "The last rebuild reported problems:\\n\\n" +
      problems.join("\\n");
  };
  source.onmessage = (event) => {
    const state = JSON.parse(event.data);
    if (state.generation !== seen) { source.close(); location.reload(); return; }
    banner(state.problems);
  };
})();
</script>
"""

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def script(generation: str, events_url: str) -> bytes:
    """The ``<script>`` element for a page served at ``generation``."""
    values = {
        "generation": json.dumps(generation),
        "events": json.dumps(events_url),
        "banner": json.dumps(BANNER_ID),
    }
    return (_SCRIPT % values).encode("utf-8")


def inject(html: bytes, snippet: bytes) -> bytes:
    """Put ``snippet`` just before the last ``</body>``, or at the end if there is none."""
    ends = list(_BODY_END.finditer(html))
    if not ends:
        return html + snippet
    at = ends[-1].start()
    return html[:at] + snippet + html[at:]


def event(generation: str, problems: tuple[str, ...]) -> bytes:
    """One server-sent event carrying the state a page compares itself with."""
    data = json.dumps({"generation": generation, "problems": list(problems)}, ensure_ascii=True)
    return f"data: {data}\n\n".encode("ascii")
