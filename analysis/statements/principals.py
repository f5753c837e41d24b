"""The office's own principal: who "The President" is on the pages of a presidential office (issue 12).

On the pages of the ROK presidential office (Cheong Wa Dae, 2008-2022; the Office of the President since 2022),
"The President" or "the President" without a name or a country is the office's own president, whoever else was
named before; elsewhere a bare office is the holder the document names (:mod:`analysis.statements.subjects`).
:func:`find_principal` reads the office from the page's ``house`` or its publisher (``source``) and finds the
president in office at the page's date among the registered speakers' dated roles (``corpus/speakers.yaml``).
"""

from __future__ import annotations

import re

from ..inputs.speakers import SpeakerRegistry

__all__ = ["find_principal"]

# A presidential office's house style, and its country.
_OFFICE_HOUSES = {"rok-president": "ROK"}
# A presidential office as the publisher ("Office of the President of the Republic of Korea (Cheong Wa Dae, ...)").
_OFFICE_SOURCES = ((re.compile(r"\bCheong\s+Wa\s+Dae\b|\bOffice\s+of\s+the\s+President\s+of\s+the\s+Republic\s+of\s+Korea\b"
                               r"|\bPresidential\s+Office\s+of\s+the\s+Republic\s+of\s+Korea\b"), "ROK"),)
_PRESIDENT = re.compile(r"^President\b(?!\s+of\s+the\s+(?:United\s+Nations|General\s+Assembly|Security\s+Council))")


def find_principal(registry: SpeakerRegistry, house, source, date) -> tuple[str, str] | None:
    """``(name, side)`` of the president of the presidential office whose page this is, at ``date``, else None.

    Parameters
    ----------
    registry : SpeakerRegistry
        The speakers; the president is the registered person of the office's side with a role titled
        "President ..." covering ``date``.
    house, source : str or None
        The page's house style (``rok-president``) and publisher (front-matter ``source``); either names the office.
    date : date-like
        The page's date.

    Examples
    --------
    >>> import datetime as dt
    >>> from analysis.inputs.speakers import Role, Speaker
    >>> registry = SpeakerRegistry((Speaker("Moon Jae-in", "ROK",
    ...     roles=(Role("President of the Republic of Korea", dt.date(2017, 5, 10), dt.date(2022, 5, 9)),)),))
    >>> find_principal(registry, "rok-president", None, "2018-06-14")
    ('Moon Jae-in', 'ROK')
    >>> find_principal(registry, None, "Ministry of Foreign Affairs", "2018-06-14") is None
    True
    """
    side = _OFFICE_HOUSES.get(house) if isinstance(house, str) else None
    if side is None and isinstance(source, str):
        side = next((country for pattern, country in _OFFICE_SOURCES if pattern.search(source)), None)
    if side is None or date is None:
        return None
    holders = [speaker for speaker in registry.speakers if speaker.side == side and speaker.kind == "person"
               and any(_PRESIDENT.match(role.title) and role.covers(date) for role in speaker.roles)]
    return (holders[0].name, holders[0].side) if len(holders) == 1 else None
