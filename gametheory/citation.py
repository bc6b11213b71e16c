r"""Citations: BibTeX for the package and for the canonical models a game rests on.

Examples
--------
>>> print(cite().splitlines()[0])
@software{gametheory,
>>> "fearon1995" in cite(["fearon1995"])
True
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

from .errors import GameTheoryError

__all__ = ["BIBLIOGRAPHY", "cite", "cite_game", "bibtex_entry", "bibtex_key"]

#: Canonical works the models and solvers rest on, by citation key.
BIBLIOGRAPHY: Mapping[str, dict[str, str]] = {
    "nash1951": {"type": "article", "author": "Nash, John", "title": "Non-Cooperative Games",
                 "journal": "Annals of Mathematics", "volume": "54", "number": "2", "pages": "286--295", "year": "1951"},
    "nash1950bargaining": {"type": "article", "author": "Nash, John F.", "title": "The Bargaining Problem",
                           "journal": "Econometrica", "volume": "18", "number": "2", "pages": "155--162", "year": "1950"},
    "rubinstein1982": {"type": "article", "author": "Rubinstein, Ariel", "title": "Perfect Equilibrium in a Bargaining Model",
                       "journal": "Econometrica", "volume": "50", "number": "1", "pages": "97--109", "year": "1982"},
    "fearon1995": {"type": "article", "author": "Fearon, James D.", "title": "Rationalist Explanations for War",
                   "journal": "International Organization", "volume": "49", "number": "3", "pages": "379--414", "year": "1995"},
    "powell2006": {"type": "article", "author": "Powell, Robert", "title": "War as a Commitment Problem",
                   "journal": "International Organization", "volume": "60", "number": "1", "pages": "169--203", "year": "2006"},
    "tsebelis1990": {"type": "article", "author": "Tsebelis, George",
                     "title": "Are Sanctions Effective? A Game-Theoretic Analysis",
                     "journal": "Journal of Conflict Resolution", "volume": "34", "number": "1", "pages": "3--28", "year": "1990"},
    "drezner1998": {"type": "article", "author": "Drezner, Daniel W.",
                    "title": "Conflict Expectations and the Paradox of Economic Coercion",
                    "journal": "International Studies Quarterly", "volume": "42", "number": "4", "pages": "709--731", "year": "1998"},
    "lacy2004": {"type": "article", "author": "Lacy, Dean and Niou, Emerson M. S.",
                 "title": "A Theory of Economic Sanctions and Issue Linkage: The Roles of Preferences, Information, and Threats",
                 "journal": "Journal of Politics", "volume": "66", "number": "1", "pages": "25--42", "year": "2004"},
    "zagare2000": {"type": "book", "author": "Zagare, Frank C. and Kilgour, D. Marc", "title": "Perfect Deterrence",
                   "publisher": "Cambridge University Press", "year": "2000"},
    "selten1978": {"type": "article", "author": "Selten, Reinhard", "title": "The Chain Store Paradox",
                   "journal": "Theory and Decision", "volume": "9", "number": "2", "pages": "127--159", "year": "1978"},
    "kreps1982": {"type": "article", "author": "Kreps, David M. and Wilson, Robert",
                  "title": "Reputation and Imperfect Information", "journal": "Journal of Economic Theory",
                  "volume": "27", "number": "2", "pages": "253--279", "year": "1982"},
    "schelling1960": {"type": "book", "author": "Schelling, Thomas C.", "title": "The Strategy of Conflict",
                      "publisher": "Harvard University Press", "year": "1960"},
    "berg1995": {"type": "article", "author": "Berg, Joyce and Dickhaut, John and McCabe, Kevin",
                 "title": "Trust, Reciprocity, and Social History", "journal": "Games and Economic Behavior",
                 "volume": "10", "number": "1", "pages": "122--142", "year": "1995"},
    "avis2010": {"type": "article", "author": "Avis, David and Rosenberg, Gabriel D. and Savani, Rahul and von Stengel, Bernhard",
                 "title": "Enumeration of {Nash} Equilibria for Two-Player Games", "journal": "Economic Theory",
                 "volume": "42", "number": "1", "pages": "9--37", "year": "2010"},
    "lemke1964": {"type": "article", "author": "Lemke, C. E. and Howson, J. T.", "title": "Equilibrium Points of Bimatrix Games",
                  "journal": "Journal of the Society for Industrial and Applied Mathematics", "volume": "12",
                  "number": "2", "pages": "413--423", "year": "1964"},
    "mckelvey1995": {"type": "article", "author": "McKelvey, Richard D. and Palfrey, Thomas R.",
                     "title": "Quantal Response Equilibria for Normal Form Games", "journal": "Games and Economic Behavior",
                     "volume": "10", "number": "1", "pages": "6--38", "year": "1995"},
    "tsebelis1990crime": {"type": "article", "author": "Tsebelis, George",
                          "title": "Penalty Has No Impact on Crime: A Game-Theoretic Analysis",
                          "journal": "Rationality and Society", "volume": "2", "number": "3", "pages": "255--286",
                          "year": "1990"},
    "selten1965": {"type": "article", "author": "Selten, Reinhard",
                   "title": "Spieltheoretische Behandlung eines Oligopolmodells mit Nachfragetr{\\\"a}gheit",
                   "journal": "Zeitschrift f{\\\"u}r die gesamte Staatswissenschaft", "volume": "121",
                   "pages": "301--324, 667--689", "year": "1965"},
    "schelling1966": {"type": "book", "author": "Schelling, Thomas C.", "title": "Arms and Influence",
                      "publisher": "Yale University Press", "year": "1966"},
    "robinson2005": {"type": "book", "author": "Robinson, David and Goforth, David", "title": "The Topology of the 2x2 Games",
                     "publisher": "Routledge", "year": "2005"},
    "rapoport1966": {"type": "article", "author": "Rapoport, Anatol and Guyer, Melvin",
                     "title": "A Taxonomy of 2x2 Games", "journal": "General Systems", "volume": "11", "pages": "203--214",
                     "year": "1966"},
}

_PACKAGE = {
    "type": "software",
    "author": "{The gametheory developers}",
    "title": "gametheory: exact, complete and explainable game theory for policy negotiations",
    "year": "2026",
    "note": "Python package",
}


def bibtex_key(text: str) -> str:
    r"""A citation key BibTeX and LaTeX accept: letters, digits and ``:_.-`` only (others become ``-``).

    Examples
    --------
    >>> bibtex_key("fearon1995"), bibtex_key("x,\n title={evil}}"), bibtex_key("")
    ('fearon1995', 'x---title--evil--', 'source')
    """
    key = re.sub(r"[^A-Za-z0-9:_.\-]", "-", str(text))
    return key or "source"


def _url(url: str) -> str:
    # braces, backslashes, quotes and spaces could end the field or break \url: percent-encode them
    return "".join(f"%{ord(ch):02X}" if ch in '{}\\" ' or ord(ch) < 33 else ch for ch in str(url))


def bibtex_entry(key: str, fields: Mapping[str, str], *, escape: bool = False) -> str:
    r"""One BibTeX entry from a key and a field mapping (``type`` gives the entry type).

    With ``escape=True`` the values are text from a game file, not LaTeX: special
    characters are escaped (:func:`gametheory.io.latex.bibtex_text`) and a ``url``
    is percent-encoded where it could end the field, so a value cannot close the
    entry or start another. The key is always made safe (:func:`bibtex_key`).

    Examples
    --------
    >>> print(bibtex_entry("x", {"type": "misc", "title": "T", "year": "2025"}))
    @misc{x,
      title = {T},
      year = {2025},
    }
    >>> print(bibtex_entry("y", {"title": "50% {off}}\n@misc{pwn,"}, escape=True))
    @misc{y,
      title = {{50\% \textbraceleft{}off\textbraceright{}\textbraceright{} @misc\textbraceleft{}pwn,}},
    }
    """
    from .io.latex import bibtex_text

    kind = re.sub(r"[^a-z]", "", str(fields.get("type", "misc")).lower()) or "misc"

    def value(k: str, v: object) -> str:
        if not escape:
            return str(v)
        if k == "url":
            return _url(str(v))
        # titles in braces: styles that lowercase titles would lose the capitals of names
        return "{" + bibtex_text(v) + "}" if k == "title" else bibtex_text(v)

    body = "".join(f"  {re.sub(r'[^a-z]', '', k.lower())} = {{{value(k, v)}}},\n"
                   for k, v in fields.items() if k != "type")
    return f"@{kind}{{{bibtex_key(key)},\n{body}}}"


def cite(works: Iterable[str | Mapping[str, str]] = (), *, package: bool = True) -> str:
    """BibTeX for the package and for the given works.

    Parameters
    ----------
    works : iterable, or a game
        Citation keys of :data:`BIBLIOGRAPHY` (``"fearon1995"``), or source records
        from a game file (mappings with ``key`` and/or ``title``, ``author``, ``year``,
        ``url``); unknown records become ``@misc`` entries. A bundled game's name, a
        game file's path or a :class:`~gametheory.io.spec.GameSpec` cites that game
        (see :func:`cite_game`).
    package : bool
        Include the entry for gametheory itself (with its version).

    Raises
    ------
    GameTheoryError
        For a citation key that is not in the bibliography.

    Examples
    --------
    >>> print(cite([{"title": "U.S. and Russia Start Negotiations", "year": "2025"}], package=False))
    @misc{u.s.2025,
      title = {{U.S. and Russia Start Negotiations}},
      year = {2025},
    }
    """
    from .solution import package_version

    if isinstance(works, str) and works not in BIBLIOGRAPHY or hasattr(works, "__fspath__") or hasattr(works, "sources"):
        return cite_game(works, package=package)
    if isinstance(works, str):
        works = [works]
    entries = []
    if package:
        entries.append(bibtex_entry("gametheory", {**_PACKAGE, "version": package_version()}))
    for w in works:
        if isinstance(w, str):
            if w not in BIBLIOGRAPHY:
                raise GameTheoryError(f"unknown citation key {w!r}; known keys: {sorted(BIBLIOGRAPHY)}")
            entries.append(bibtex_entry(w, BIBLIOGRAPHY[w]))
            continue
        key = w.get("key")
        if key in BIBLIOGRAPHY:
            entries.append(bibtex_entry(key, BIBLIOGRAPHY[key]))
            continue
        fields = {k: str(v) for k, v in w.items() if k in ("title", "author", "year", "url", "note", "publisher")}
        if not key:
            first = ((fields.get("author") or fields.get("title") or "source").split() or ["source"])[0]
            key = f"{first.strip(',').lower()}{fields.get('year', '')}"
        entries.append(bibtex_entry(key, {"type": "misc", **fields}, escape=True))
    return "\n\n".join(entries)


def _words(text: str) -> list[str]:
    plain = text.replace("{", "").replace("}", "").replace('\\"', "")
    return "".join(ch.lower() if ch.isalnum() else " " for ch in plain).split()


def _match(citation: str, key: str | None) -> str | None:
    """The bibliography key whose title (first five words) and year appear in a free-text citation."""
    words = " ".join(_words(citation))
    candidates = ([key] if key in BIBLIOGRAPHY else []) + sorted(BIBLIOGRAPHY)
    for k in candidates:
        fields = BIBLIOGRAPHY[k]
        title = " ".join(_words(fields["title"])[:5])
        if title and title in words and fields["year"] in citation:
            return k
    return None


def _short_title(title: str) -> str:
    """The words before a colon (at most four): a label for an entry without an author."""
    return " ".join(title.split(":")[0].split()[:4]) or "source"


def _composed_specs(spec: object) -> list:
    """The game files a composition's stages use (each once)."""
    from pathlib import Path

    from .io.spec import load_spec

    comp = getattr(spec, "composition", None) or {}
    out, seen = [], set()
    for node in (comp.get("nodes") or {}).values():
        name = node.get("game") if isinstance(node, dict) else None
        if not isinstance(name, str) or name in seen:
            continue
        seen.add(name)
        base = Path(spec.path).parent if getattr(spec, "path", None) else None
        try:
            out.append(load_spec(base / name if base is not None and (base / name).exists() else name))
        except Exception:  # a stage game that cannot be read is reported by the composer, not here
            continue
    return out


def cite_game(game: object, *, package: bool = True) -> str:
    r"""BibTeX for a game file: the package, the file itself, and the works its ``[[sources]]`` cite.

    A source whose citation matches a canonical work of :data:`BIBLIOGRAPHY` (title
    and year) gets that full entry; others become ``@misc`` entries with the file's
    citation text. Keys are the sources' ids in the file, so ``\cite{fearon1995}``
    matches the game file. For a composition the stage games' sources are included.

    Parameters
    ----------
    game : str, path or GameSpec
        A bundled game's name, a game file, or a loaded spec.

    Examples
    --------
    >>> text = cite_game("nato_membership", package=False)
    >>> print(text.split("\n\n")[0].splitlines()[0])
    @misc{game:nato_membership,
    >>> print(text.split("\n\n")[1])
    @article{fearon1995,
      author = {Fearon, James D.},
      title = {Rationalist Explanations for War},
      journal = {International Organization},
      volume = {49},
      number = {3},
      pages = {379--414},
      year = {1995},
    }
    """
    from .io.spec import load_spec
    from .solution import package_version

    spec = game if hasattr(game, "sources") else load_spec(game)
    entries: dict[str, str] = {}
    if package:
        entries["gametheory"] = bibtex_entry("gametheory", {**_PACKAGE, "version": package_version()})
    meta = spec.metadata
    from pathlib import Path

    name = Path(spec.path).stem if getattr(spec, "path", None) else "_".join(_words(meta.title)[:3]) or "game"
    own = {"type": "misc", "title": meta.title}
    if meta.authors:
        own["author"] = " and ".join(meta.authors)
    else:
        own["key"] = _short_title(meta.title)
    if meta.citation:
        own["note"] = meta.citation
    if meta.version:
        own["version"] = meta.version
    entries[f"game:{name}"] = bibtex_entry(f"game:{name}", own, escape=True)
    for sp in [spec] + _composed_specs(spec):
        for src in sp.sources:
            key = bibtex_key(src.id or (_words(src.citation)[0] if _words(src.citation) else "source"))
            if key in entries:
                continue
            found = _match(src.citation, src.id)
            if found is not None:
                entries[key] = bibtex_entry(key, BIBLIOGRAPHY[found])
            else:
                # no author: natbib styles label the entry by its `key` field
                fields = {"type": "misc", "title": src.citation, "key": _short_title(src.citation)}
                if src.url:
                    fields["url"] = src.url
                if src.note:
                    fields["note"] = src.note
                entries[key] = bibtex_entry(key, fields, escape=True)
    return "\n\n".join(entries.values())
