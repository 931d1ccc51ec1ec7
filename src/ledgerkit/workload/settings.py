"""The ``[triage]`` settings, read once into a :class:`Settings` value (picklable: the sheet
readers get it in the worker).

Every weight of the triage is here, none in the code: the working hours and lunch (a
day's default capacity), the time of a deadline given as a date, the slack step, the
importance words and requester roles in their order, the categories, the factors for
得意 and 不得意, the weekly share above which a person is overloaded, the effort of a
request without an estimate, how far ahead to plan and how much to show.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ledgerkit.config.defaults import COMMENTS, DEFAULTS
from ledgerkit.core import messages
from ledgerkit.core.errors import ConfigError
from ledgerkit.parse.datetimes import parse_time_of_day, parse_time_range
from ledgerkit.parse.text import CellValueError

#: the ``[triage]`` defaults and their comments (ja, en), as the config declares them
TRIAGE_DEFAULTS: dict[str, Any] = DEFAULTS["triage"]
TRIAGE_COMMENTS: dict[str, tuple[str, str]] = {k: v for k, v in COMMENTS.items() if k.split(".")[0] == "triage"}

#: the four states of a request
OPEN, IN_PROGRESS, DONE, ON_HOLD = "open", "in_progress", "done", "on_hold"
STATES = (OPEN, IN_PROGRESS, DONE, ON_HOLD)


def word_key(text: object) -> str:
    """The form words are compared in: NFKC, case-folded, no spaces.

    Examples:
        >>> word_key(" 対応 中 "), word_key("ＤＯＮＥ")
        ('対応中', 'done')
    """
    return "".join(unicodedata.normalize("NFKC", str(text or "")).casefold().split())


@dataclass(frozen=True)
class Settings:
    """``[triage]`` as values: minutes after midnight, hours, levels (0 = first served)."""

    hours: tuple[int, int] = (540, 1080)
    lunch: tuple[int, int] | None = (720, 780)
    due_time: int = 1080
    tz: str = "Asia/Tokyo"
    slack_step: float = 1.0
    #: word → level (0 = highest); the name shown for each level
    importance: dict[str, int] = field(default_factory=dict)
    importance_names: tuple[str, ...] = ()
    importance_default: int = 1
    roles: dict[str, int] = field(default_factory=dict)
    role_names: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    strong_factor: float = 0.8
    weak_factor: float = 1.5
    weekly_share: float = 0.9
    default_effort: float = 1.0
    horizon_days: int = 60
    board_days: int = 10
    top: int = 10
    #: status word → one of STATES
    status: dict[str, str] = field(default_factory=dict)

    @property
    def day_minutes(self) -> int:
        """A business day's working minutes: the hours less lunch (a day's default capacity)."""
        return self.hours[1] - self.hours[0] - self.lunch_within(*self.hours)

    @property
    def day_hours(self) -> float:
        return self.day_minutes / 60

    def lunch_within(self, start: int, end: int) -> int:
        """Minutes of lunch between ``start`` and ``end`` (minutes after midnight)."""
        if self.lunch is None or end <= start:
            return 0
        return max(0, min(end, self.lunch[1]) - max(start, self.lunch[0]))

    def importance_level(self, text: object) -> int | None:
        """The level of an importance word (高 → 0), or None when it is none of them."""
        return self.importance.get(word_key(text))

    def role_of(self, *texts: object) -> tuple[int, str] | None:
        """(level, name) of the first role found in ``texts``: the longest role word each holds
        (佐藤部長 → 部長; 副社長 is 役員, not 社長).

        Examples:
            >>> s = triage_settings()
            >>> s.role_of("", "佐藤部長"), s.role_of("副社長"), s.role_of("山田")
            ((2, '部長'), (1, '役員'), None)
        """
        for text in texts:
            key = word_key(text)
            if not key:
                continue
            found = [(len(w), -level, w) for w, level in self.roles.items() if w in key]
            if found:
                _, level, _ = max(found)
                return -level, self.role_names[-level]
        return None

    def state_of(self, text: object) -> str | None:
        """OPEN / IN_PROGRESS / DONE / ON_HOLD for a status word; blank → OPEN; unknown → None."""
        key = word_key(text)
        if not key:
            return OPEN
        return self.status.get(key)


def _groups(value: Any, key: str, lang: str) -> tuple[dict[str, int], tuple[str, ...]]:
    if not (isinstance(value, list) and value and all(isinstance(g, list) and g for g in value)):
        raise ConfigError(f"triage.{key}: " + messages.text("cfg_word_groups", lang))
    words: dict[str, int] = {}
    for level, group in enumerate(value):
        for w in group:
            words.setdefault(word_key(w), level)
    return words, tuple(str(g[0]) for g in value)


def triage_settings(config: Any = None, *, lang: str | None = None) -> Settings:
    """The ``[triage]`` settings of ``config`` (a Config; None for the defaults).

    Examples:
        >>> s = triage_settings()
        >>> s.day_hours, s.due_time, s.importance_level("Ａ"), s.state_of("対応済み"), s.state_of("")
        (8.0, 1080, 0, 'done', 'open')
    """
    lang = lang or (getattr(config, "lang", None) if config is not None else None) or "ja"

    def get(key: str) -> Any:
        default = TRIAGE_DEFAULTS[key]
        return config.get(f"triage.{key}", default) if config is not None else default

    try:
        hours = parse_time_range(get("hours"))
        lunch = parse_time_range(get("lunch")) if get("lunch") not in ("", None) else None
        due = parse_time_of_day(get("due_time")) if get("due_time") not in ("", None) else hours[1]
    except CellValueError as e:
        raise ConfigError(f"triage: {e.value!r}: " + messages.text("cfg_time_range", lang, value=e.value)) from None
    importance, importance_names = _groups(get("importance"), "importance", lang)
    roles, role_names = _groups(get("roles"), "roles", lang)
    default = importance.get(word_key(get("importance_default")))
    if default is None:
        raise ConfigError("triage.importance_default: " + messages.text(
            "cfg_not_importance", lang, value=get("importance_default"), known=", ".join(importance)))
    status = {word_key(w): state for state in STATES for w in (get("status") or {}).get(state, [])}
    return Settings(
        hours=hours, lunch=lunch, due_time=due, tz=str(get("tz")), slack_step=float(get("slack_step")),
        importance=importance, importance_names=importance_names, importance_default=default,
        roles=roles, role_names=role_names, categories=tuple(str(c) for c in get("categories")),
        strong_factor=float(get("strong_factor")), weak_factor=float(get("weak_factor")),
        weekly_share=float(get("weekly_share")), default_effort=float(get("default_effort")),
        horizon_days=int(get("horizon_days")), board_days=int(get("board_days")), top=int(get("top")),
        status=status,
    )
