"""The 日程調整 message: the first candidates in Japanese date form, through a Jinja template.

The shipped template is ``templates/schedule_request.txt.j2`` (polite business Japanese, for
mail or chat); ``--template`` (or ``schedule.template``) names another, looked for first in
the project's templates folder (``drafts.templates``), or a path. Rendering is the drafts'
sandboxed Jinja with ``StrictUndefined``: a name the template uses and the context lacks
is an error, never a blank; slot values are data, never template code.

The context: ``candidates`` (each with ``label`` — ``12月8日(火) 10:00〜11:00`` —, ``date``,
``weekday``, ``start``, ``end``, ``note``), ``duration`` (``1時間``), ``duration_minutes``,
``required`` and ``optional`` (names), ``company`` (``[company] name``, may be empty).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ledgerkit.config.loading import Config
from ledgerkit.core import messages
from ledgerkit.core.errors import DataError
from ledgerkit.drafts.templating import render, resolve_template
from ledgerkit.reports.output import atomic_output
from ledgerkit.scheduling.labels import format_duration, format_slot, slot_note
from ledgerkit.scheduling.settings import SCHEDULE_DEFAULTS

#: how many candidates the message proposes
MESSAGE_CANDIDATES = 3


def request_context(result, *, config: Config | None = None, count: int = MESSAGE_CANDIDATES) -> dict[str, Any]:
    """What the template sees (see the module's docstring); the first ``count`` proposed slots."""
    config = config if config is not None else Config()
    meta = result.meta
    if not meta.get("found"):
        raise DataError(messages.text("sched_no_draft", config.lang))
    candidates = []
    for slot in meta["proposed"][:count]:
        candidates.append({
            "label": format_slot(slot.start, slot.end, "ja"),
            "date": slot.start.date(),
            "weekday": "月火水木金土日"[slot.start.weekday()],
            "start": f"{slot.start.hour}:{slot.start.minute:02d}",
            "end": f"{slot.end.hour}:{slot.end.minute:02d}",
            "note": slot_note(slot, len(meta["optional"]), "ja"),
        })
    return {
        "candidates": candidates,
        "duration": format_duration(meta["duration"], "ja"),
        "duration_minutes": meta["duration"],
        "required": list(meta["required"]),
        "optional": list(meta["optional"]),
        "company": str(config.get("company.name", "") or ""),
    }


def template_path(template: str | os.PathLike | None = None, *, config: Config | None = None) -> Path:
    """The template file: a path, or a name looked for in ``drafts.templates`` then the bundled ones."""
    config = config if config is not None else Config()
    name = str(template or config.get("schedule.template", SCHEDULE_DEFAULTS["template"]))
    return resolve_template(name, config.templates_dir(), config.lang)


def render_request(result, *, template: str | os.PathLike | None = None, config: Config | None = None,
                   count: int = MESSAGE_CANDIDATES) -> str:
    """The 日程調整 message of a ``slots`` Result, as text.

    Raises DataError when there is no slot to propose, TemplateError for a template that
    is missing, broken, or names what the context lacks.
    """
    config = config if config is not None else Config()
    context = request_context(result, config=config, count=count)
    return render(template_path(template, config=config), context, lang=config.lang)


def write_request(text: str, target: str | os.PathLike, *, inputs=(), lang: str = "ja",
                  overwrite: bool = False) -> Path | None:
    """Write the message to ``target`` (UTF-8, whole or not at all), or to stdout for ``-``.

    An existing file is kept (``OutputError``) unless ``overwrite=True`` (``--force``)."""
    import sys

    if os.fspath(target) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return None
    with atomic_output(target, inputs=inputs, lang=lang, overwrite=overwrite) as tmp:
        Path(tmp).write_text(text, encoding="utf-8", newline="\n")
    return Path(target)
