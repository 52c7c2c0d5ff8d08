"""The tree of one built HTML page, as html5lib parses it.

html5lib runs the WHATWG parsing algorithm in pure Python and reports every spec
parse error with its line. The tree it builds here is ours: plain nodes that
remember where their tag ended, so each finding can name the line of its tag.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import html5lib
from html5lib.constants import E, namespaces
from html5lib.treebuilders import base

HTML = namespaces["html"]


class Doctype:
    __slots__ = ("name", "parent", "public_id", "system_id")

    def __init__(self, name: str | None, public_id: str | None, system_id: str | None) -> None:
        self.name = name or ""
        self.public_id = public_id
        self.system_id = system_id
        self.parent: Node | None = None


class Comment:
    __slots__ = ("data", "parent")

    def __init__(self, data: str) -> None:
        self.data = data
        self.parent: Node | None = None


class Node:
    """An element (or the document): the interface html5lib's tree construction calls, and no more."""

    __slots__ = ("attributes", "childNodes", "end", "name", "nameTuple", "namespace", "parent", "where")

    def __init__(self, name: str, namespace: str | None, where: Callable[[], tuple[int, int]]) -> None:
        self.name = name
        self.namespace = namespace
        self.nameTuple = (namespace or HTML, name)
        self.attributes: dict[object, str] = {}
        self.childNodes: list[Node | Doctype | Comment | str] = []
        self.parent: Node | None = None
        self.where = where
        self.end = where()
        """(line, column) just after the tag that opened the element."""

    def appendChild(self, node: Node | Doctype | Comment) -> None:
        node.parent = self
        self.childNodes.append(node)

    def insertBefore(self, node: Node | Doctype | Comment, refNode: Node) -> None:
        node.parent = self
        self.childNodes.insert(self._index(refNode), node)

    def removeChild(self, node: Node | Doctype | Comment) -> None:
        del self.childNodes[self._index(node)]
        node.parent = None

    def insertText(self, data: str, insertBefore: Node | None = None) -> None:
        children = self.childNodes
        at = len(children) if insertBefore is None else self._index(insertBefore)
        if at and isinstance(children[at - 1], str):
            children[at - 1] = str(children[at - 1]) + data
        else:
            children.insert(at, data)

    def reparentChildren(self, newParent: Node) -> None:
        for child in self.childNodes:
            if isinstance(child, str):
                newParent.insertText(child)
            else:
                newParent.appendChild(child)
        self.childNodes = []

    def cloneNode(self) -> Node:
        clone = Node(self.name, self.namespace, self.where)
        clone.attributes = dict(self.attributes)
        return clone

    def hasContent(self) -> bool:
        return bool(self.childNodes)

    def _index(self, node: object) -> int:
        for i, child in enumerate(self.childNodes):
            if child is node:
                return i
        raise ValueError("not a child of this node")

    def attr(self, name: str) -> str | None:
        return self.attributes.get(name)

    def is_html(self, name: str) -> bool:
        return self.name == name and (self.namespace or HTML) == HTML

    def elements(self) -> Iterator[Node]:
        """Child elements, in order."""
        for child in self.childNodes:
            if isinstance(child, Node):
                yield child


def _start() -> tuple[int, int]:
    return (1, 0)


class _Builder(base.TreeBuilder):
    """html5lib's tree construction, building ``Node``s that know where they are."""

    def __init__(self, namespaceHTMLElements: bool | None) -> None:
        self.position: Callable[[], tuple[int, int]] = _start
        self.elementClass = self._element
        self.documentClass = self._document
        self.fragmentClass = self._document
        self.commentClass = Comment
        self.doctypeClass = Doctype
        super().__init__(namespaceHTMLElements)

    def _where(self) -> tuple[int, int]:
        return self.position()

    def _element(self, name: str, namespace: str | None = None) -> Node:
        return Node(name, namespace, self._where)

    def _document(self) -> Node:
        return Node("#document", None, self._where)


ParseError = tuple[tuple[int, int], str, dict[str, object] | None]


def parse(text: str) -> tuple[Node, list[ParseError]]:
    """The document tree of ``text`` and html5lib's parse errors ((line, column), code, values)."""
    parser = html5lib.HTMLParser(tree=_Builder)
    builder: _Builder = parser.tree
    builder.position = lambda: parser.tokenizer.stream.position()
    document: Node = parser.parse(text)
    return document, list(parser.errors)


def parse_error_message(code: str, values: dict[str, object] | None) -> str:
    template = E.get(code, code)
    try:
        return template % (values or {})
    except (KeyError, TypeError, ValueError):
        return template
