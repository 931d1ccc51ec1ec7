"""Who is busy when: :class:`Busy` blocks and the :class:`People` they belong to.

A person is known by several names: the calendar file's name (``佐藤部長.ics`` → 佐藤部長),
the ``CN`` of an ``ATTENDEE``/``ORGANIZER`` line, an e-mail address, a 予定表's 氏名. Names
are compared in one form (NFKC, no spaces, case-folded), so ``佐藤 部長``, ``佐藤部長`` and
``ＳＡＴＯ`` find the same person; the first name seen is the one shown.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

#: a block's status: it blocks the slot, or it blocks it unless --include-tentative
BUSY, TENTATIVE = "busy", "tentative"

_SPACE = re.compile(r"\s+")


def name_key(name: object) -> str:
    """The form names are compared in.

    Examples:
        >>> name_key("佐藤　部長") == name_key("佐藤部長"), name_key("Yamada@Example.COM")
        (True, 'yamada@example.com')
    """
    text = unicodedata.normalize("NFKC", str(name or "")).casefold()
    return _SPACE.sub("", text).removeprefix("mailto:")


@dataclass(frozen=True)
class Busy:
    """One block of a person's time, in the search's time zone (naive wall-clock times there).

    ``source_file``/``source_sheet``/``source_row`` say where it came from: the calendar
    file, or the 予定表's file, sheet and Excel row; ``summary`` is the event's 件名.
    """

    person: str
    start: dt.datetime
    end: dt.datetime
    status: str = BUSY
    summary: str = ""
    all_day: bool = False
    source_file: str = ""
    source_sheet: str = ""
    source_row: int | None = None


#: the columns of the busy table, in order
BUSY_COLUMNS = ["person", "start", "end", "status", "all_day", "summary", "source_file", "source_sheet", "source_row"]


@dataclass
class Person:
    """A person found in the inputs: the name shown, every name they go by, where they were found.

    ``owner`` is True for the person a calendar file or a 予定表 row belongs to (they are
    required by default); people named only as attendees inside events are not.
    """

    name: str
    keys: set[str] = field(default_factory=set)
    files: list[str] = field(default_factory=list)
    #: the files this person's own calendar or 予定表 rows came from
    owned: list[str] = field(default_factory=list)

    @property
    def owner(self) -> bool:
        return bool(self.owned)


class People:
    """Every person of the inputs, found by any of their names.

    Examples:
        >>> people = People()
        >>> people.add("佐藤 部長", aliases=["sato@example.com"]).name
        '佐藤 部長'
        >>> people.add("佐藤部長", file="佐藤部長.ics", owner=True).name
        '佐藤 部長'
        >>> people.find("SATO@example.com").owner, len(people)
        (True, 1)
    """

    def __init__(self) -> None:
        self._by_key: dict[str, Person] = {}
        self._order: list[Person] = []
        # the part of an address before @, linked only to a calendar's owner: yamada.ics is
        # yamada@example.com's calendar, but two "info@" of two firms are not one person
        self._local: dict[str, Person] = {}

    def __len__(self) -> int:
        return len(self._order)

    def __iter__(self):
        return iter(self._order)

    def find(self, name: object) -> Person | None:
        """The person of that name (any of their names), or None."""
        return self._by_key.get(name_key(name))

    def match(self, name: object) -> list[Person]:
        """The person of that name; else everyone whose name starts with it (a family name
        alone: 伊藤 finds 伊藤 美咲). More than one means the name is ambiguous.

        Examples:
            >>> people = People()
            >>> _ = people.add("伊藤 美咲"), people.add("伊藤 健"), people.add("渡辺 健")
            >>> [p.name for p in people.match("渡辺")], len(people.match("伊藤"))
            (['渡辺 健'], 2)
        """
        key = name_key(name)
        exact = self._by_key.get(key)
        if exact is not None or not key:
            return [exact] if exact is not None else []
        found: list[Person] = []
        for k, person in self._by_key.items():
            if k.startswith(key) and person not in found:
                found.append(person)
        return found

    def add(self, name: str, *, aliases: Iterable[str] = (), file: str = "", owner: bool = False,
            local: str = "") -> Person:
        """The person known by ``name`` or any of ``aliases`` (made when new); records ``file``.

        ``local`` is the name part of their address (``yamada`` of yamada@example.com): it
        finds the owner of a calendar file of that name, and no one else.
        """
        keys = [k for k in (name_key(n) for n in (name, *aliases)) if k]
        person = next((self._by_key[k] for k in keys if k in self._by_key), None)
        local_key = name_key(local)
        if person is None and local_key and local_key in self._by_key and self._by_key[local_key].owner:
            person = self._by_key[local_key]
        if person is None and owner:
            person = next((self._local[k] for k in keys if k in self._local), None)
        if person is None:
            person = Person(str(name).strip())
            self._order.append(person)
        for k in keys:
            self._by_key.setdefault(k, person)
            person.keys.add(k)
        if file and file not in person.files:
            person.files.append(file)
        if owner and file and file not in person.owned:
            person.owned.append(file)
        if local_key:
            self._local.setdefault(local_key, person)
        return person

    def owners(self) -> list[Person]:
        return [p for p in self._order if p.owner]

    def of_file(self, file: str) -> list[Person]:
        """The owners found in ``file`` (a calendar's person, a 予定表's people)."""
        return [p for p in self._order if file in p.owned]

    def names(self) -> list[str]:
        return [p.name for p in self._order]
