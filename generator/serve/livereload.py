"""The live-reload script that ``serve`` adds to HTML responses, and nothing else.

It is injected into each HTML response while serving, never written to a file.
The page learns the site's *generation* it was served at and reloads itself when
the generation moves on. When the last rebuild reported errors, it shows them in
a red banner at the top of the page, so a bad edit is visible without looking at
the terminal; warnings alone get a quiet note in a corner, which can be closed
and stays closed (in that tab) until the warnings change.

Open tabs share one event stream: browsers allow about six connections per host,
so one stream per tab would stall the seventh. The tab holding a Web Lock opens
the stream and passes each state on over a BroadcastChannel; when it goes away
(closed, or reloading) the lock, and the stream, pass to another tab. Without
locks or BroadcastChannel, each tab opens a stream of its own.
"""

from __future__ import annotations

import json
import re

EVENTS_PATH = "__news-digest__/events"
"""Site-relative path of the event stream (under base_url's sub-path)."""

BANNER_ID = "news-digest-problems"
"""The box that shows the problems: a red banner (role=alert) for errors, a note (role=status) for warnings alone."""

DISMISSED_KEY = "news-digest-dismissed-warnings"
"""sessionStorage key: the text of the warnings whose note was closed."""

_SCRIPT = """<script data-news-digest="live-reload">
(() => {
  const seen = %(generation)s;
  const events = %(events)s;
  const name = "news-digest-live " + events;
  let source = null;
  const reload = () => { if (source) source.close(); location.reload(); };
  const dismissed = () => { try { return sessionStorage.getItem(%(dismissed)s); } catch (e) { return null; } };
  const dismiss = (text) => { try { sessionStorage.setItem(%(dismissed)s, text); } catch (e) {} };
  const box = (level) => {
    const old = document.getElementById(%(banner)s);
    if (old) old.remove();
    if (!level) return null;
    const made = document.createElement("div");
    made.id = %(banner)s;
    made.dataset.level = level;
    made.setAttribute("role", level === "error" ? "alert" : "status");
    made.style.cssText = "position:fixed;z-index:2147483647;overflow:auto;white-space:pre-wrap;" + (level === "error"
      ? "inset:0 0 auto 0;max-height:50vh;margin:0;padding:0.75em 1em;background:#7a0000;color:#fff;" +
        "font:14px/1.4 ui-monospace,monospace;box-shadow:0 2px 8px rgba(0,0,0,.4)"
      : "right:1em;bottom:1em;max-width:min(32em,calc(100vw - 2em));max-height:30vh;padding:0.5em 2.5em 0.5em 0.75em;" +
        "background:#f3f3f0;color:#222;border:1px solid #999;border-radius:4px;font:12px/1.4 ui-monospace,monospace;" +
        "box-shadow:0 1px 4px rgba(0,0,0,.2)");
    document.body.append(made);
    return made;
  };
  const show = (state) => {
    window.__newsDigestState = state;  // the last state shown: tests wait for it
    const problems = state.problems || [], warnings = state.warnings || [];
    const errors = problems.filter((p) => !warnings.includes(p));
    if (errors.length) {
      box("error").textContent = "The last rebuild reported problems:\\n\\n" + problems.join("\\n");
      return;
    }
    const text = warnings.join("\\n");
    if (!text) { box(null); try { sessionStorage.removeItem(%(dismissed)s); } catch (e) {} return; }
    if (dismissed() === text) { box(null); return; }
    const note = box("warning");
    note.textContent = "The last rebuild warned:\\n" + text;
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "\\u00d7";
    close.setAttribute("aria-label", "Dismiss the warnings");
    close.style.cssText = "position:absolute;top:0.25em;right:0.25em;min-width:24px;min-height:24px;" +
      "border:0;background:transparent;color:inherit;font:18px/1 sans-serif;cursor:pointer";
    close.addEventListener("click", () => { dismiss(text); box(null); });
    note.append(close);
  };
  // "<session>-<count>": a state older than this page (same session, lower count) is stale news
  const older = (generation) => {
    const [session, count] = generation.split("-"), [ours, mine] = seen.split("-");
    return session === ours && Number(count) < Number(mine);
  };
  const handle = (state) => {
    if (older(state.generation)) return;
    if (state.generation !== seen) reload(); else show(state);
  };
  const listen = (onState) => {
    source = new EventSource(events);
    source.onmessage = (event) => onState(JSON.parse(event.data));
  };
  if (!(navigator.locks && navigator.locks.request) || typeof BroadcastChannel !== "function") {
    listen(handle);  // one stream per tab
    return;
  }
  const channel = new BroadcastChannel(name);
  let leading = false, last = null;
  const me = Math.random().toString(36).slice(2);
  channel.onmessage = (event) => {
    const message = event.data || {};
    if (message.kind === "state" && (!message.to || message.to === me)) handle(message.state);
    else if (message.kind === "ask" && leading && last) {
      channel.postMessage({kind: "state", state: last, to: message.from});  // for the tab that asked
    }
  };
  // The tab holding the lock keeps the one stream open; the lock is released when the tab unloads.
  navigator.locks.request(name, () => new Promise(() => {
    leading = true;
    listen((state) => { last = state; channel.postMessage({kind: "state", state}); handle(state); });
  }));
  channel.postMessage({kind: "ask", from: me});  // the current state, from the tab that leads
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
        "dismissed": json.dumps(DISMISSED_KEY),
    }
    return (_SCRIPT % values).encode("utf-8")


def inject(html: bytes, snippet: bytes) -> bytes:
    """Put ``snippet`` just before the last ``</body>``, or at the end if there is none."""
    ends = list(_BODY_END.finditer(html))
    if not ends:
        return html + snippet
    at = ends[-1].start()
    return html[:at] + snippet + html[at:]


def event(generation: str, problems: tuple[str, ...], warnings: tuple[str, ...] = ()) -> bytes:
    """One server-sent event carrying the state a page compares itself with.

    ``problems`` are every error and warning, formatted as on the terminal;
    ``warnings`` (sent only when there are some) are those of them that are only
    warnings. A problem not named there counts as an error."""
    state: dict[str, object] = {"generation": generation, "problems": list(problems)}
    if warnings:
        state["warnings"] = list(warnings)
    data = json.dumps(state, ensure_ascii=True)
    return f"data: {data}\n\n".encode("ascii")
