r"""Markdown that shows game-file text as text: no raw HTML, no links or headings smuggled in.

Titles, labels, descriptions and quotes come from game files, which anyone can
write. :func:`md_text` escapes every character Markdown (CommonMark, GitHub)
would read as markup, HTML included; :func:`md_prose` does the same but keeps
```code``` spans, which the bundled descriptions use for parameter names (inside a
code span nothing is interpreted, HTML included). :func:`md_table` builds a
pipe table from such cells.

Examples
--------
>>> md_text("<script>alert(1)</script> *bold* [x](javascript:y)")
'\\<script\\>alert(1)\\</script\\> \\*bold\\* \\[x\\](javascript:y)'
>>> md_prose("cost `war_cost` <b>")
'cost `war_cost` \\<b\\>'
"""

from __future__ import annotations

import re
from typing import Sequence

__all__ = ["md_text", "md_prose", "md_table", "md_code"]

_MARKUP = set("\\`*_[]<>|#!~{}")


def md_text(text: object) -> str:
    r"""Plain text for Markdown: markup characters backslash-escaped, ``&`` of entities too, lines joined.

    Examples
    --------
    >>> md_text("# a_b & c &amp; d\n- e")
    '\\# a\\_b & c \\&amp; d - e'
    """
    return _escape(" ".join(str(text).split()))


def _escape(one: str) -> str:
    out = "".join("\\" + ch if ch in _MARKUP else ch for ch in one)
    out = re.sub(r"&(?=#?\w+;)", r"\\&", out)  # &amp; would be read as an entity
    # a leading list or quote marker, or "1." that would start a list
    out = re.sub(r"^([-+=>])", r"\\\1", out)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", out)


def md_code(text: object) -> str:
    """Text as an inline code span (backticks inside are handled by a longer fence).

    Examples
    --------
    >>> md_code("a`b")
    '``a`b``'
    """
    body = " ".join(str(text).split())
    fence = "`" * (max((len(m) for m in re.findall(r"`+", body)), default=0) + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def md_prose(text: object) -> str:
    r"""Prose for Markdown: like :func:`md_text`, but ```code``` spans are kept as code.

    Examples
    --------
    >>> md_prose("the `backstop` (a *probability*)")
    'the `backstop` (a \\*probability\\*)'
    """
    parts = re.split(r"(`[^`\n]+`)", " ".join(str(text).split()))
    return "".join(md_code(p[1:-1]) if p.startswith("`") and p.endswith("`") and len(p) > 1 else _escape(p)
                   for p in parts)


def md_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A pipe table; cells are Markdown already (escape them with :func:`md_text`).

    Examples
    --------
    >>> md_table(["a", "b"], [["1", "2"]])
    ['| a | b |', '|---|---|', '| 1 | 2 |']
    """
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    return out + ["| " + " | ".join(str(c).replace("\n", " ") for c in r) + " |" for r in rows]
