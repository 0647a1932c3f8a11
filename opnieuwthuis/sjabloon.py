"""Template filters every template has without ``{% load %}`` (``TEMPLATES["OPTIONS"]["builtins"]``):
the Dutch wording of ``opnieuwthuis.nederlands``, so a page writes a figure exactly as a sentence,
a chart, a download or a mail does.

``{{ n|getal }}``: 5.282, −409 (the minus sign, as the report writes it; Django's own ``{{ n }}``
groups the same but writes a hyphen), – for a missing figure. Text goes through unchanged, so a
cell that holds "–" or a label already is safe to filter.
``{{ p|percentage }}``: 8,7 %.
"""

from numbers import Number

from django import template

from . import nederlands

register = template.Library()


def _een_getal(waarde) -> bool:
    """A figure (or a missing one), not text and not a yes/no."""
    return waarde is None or (isinstance(waarde, Number) and not isinstance(waarde, bool))


@register.filter
def getal(waarde):
    return nederlands.getal(waarde) if _een_getal(waarde) else waarde


@register.filter
def percentage(waarde):
    return nederlands.percentage(waarde) if _een_getal(waarde) else waarde
