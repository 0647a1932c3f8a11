"""Who sees what: the one place that answers every question about a user's scope.

- ``reikwijdte(user)``: what the user may see (everything, one province, one municipality, nothing),
  from the rules table ``ZICHT`` below. Everything else is derived from it:
- ``RestrictedQuerySet.restrict(user)``: the queryset restriction. A model sets ``gemeente_lookup``
  (the ORM path to ``Gemeente``; empty for Gemeente itself) and uses this queryset; a model that is
  a supervisor's unit sets ``gemeente_scope = False`` (a province's totals would tell an official
  about the neighbours).
- ``scope_sleutel(user)``: the part of a cache key that says who may see a cached page.
- ``scope_omschrijving(user)``: the scope as the pages name it ("Nederland", "Noord-Holland").
- ``beperk_stand(stand, user)``: a calculated ``Stand`` narrowed to the user's municipalities.
- ``mag_wijzigen(user)``, ``schrijft_toezicht(user)``: who writes figures, who records supervision.
- ``ScopedViewMixin``: every view's login check, write check and restricted queryset.
- ``OPENBAAR``: the public reader of ``/openbaar/`` (everything national, read-only, final
  peildata only, nothing that is not public).

A new role, or a changed rule, is an edit here (and the role's choice in ``gebruikers.choices``;
a test holds the two lists equal). This module imports no app: roles are compared by their stored
value, and a user is read through its fields (``rol``, ``provincie_id``, ``gemeente_id``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models

# --- The rules ---------------------------------------------------------------------------------

ALLES, PROVINCIE, GEMEENTE, NIETS = "alles", "provincie", "gemeente", "niets"

# Per role (the values of gebruikers.choices.Rol): what it sees (domain.md, "Who uses it").
ZICHT = {
    "platform": ALLES,  # platform staff maintain everything
    "ministerie": ALLES,  # ministry staff read everything
    "provincie": PROVINCIE,  # a province supervisor: the municipalities of their province
    "gemeente": GEMEENTE,  # a municipality official: their own municipality
    "aanlevering": NIETS,  # the reception agency's delivery account: posts figures, reads none
}
# Who changes figures, quotas and municipalities (every write view, the menu's entry screens).
SCHRIJFT_CIJFERS = {"platform"}
# Who records the province's judgement and intervention ladder (toezicht/); which province is
# the queryset's business.
SCHRIJFT_TOEZICHT = {"platform", "provincie"}
# Who delivers monthly figures through the API (issue 17), and who does nothing else: the
# delivery account gets 403 on every page and every reading route.
LEVERT_AAN = {"platform", "aanlevering"}
ALLEEN_AANLEVEREN = {"aanlevering"}
# Who also sees provisional figures: a peildatum with a month before it not yet closed (the
# monthly cycle, issue 11). Everyone else sees final peildata only.
ZIET_VOORLOPIG = {"platform"}


class OpenbareLezer:
    """Anyone reading ``/openbaar/`` (issue 15), logged in or not. Their scope: everything
    national (every municipality and province, as the Opnieuw Thuis map and the ministry's monthly
    spreadsheets were public), read-only, final peildata only, and nothing that is not public: of
    the models only those in ``OPENBARE_MODELLEN`` (names and codes; the figures reach the public
    through the calculation of a final peildatum), never users, uploads, warnings or history."""

    is_authenticated = False  # writes nothing: mag_wijzigen() and every write view say no
    is_active = True
    is_superuser = False
    rol = ""
    gemeente_id = None
    provincie_id = None


OPENBAAR = OpenbareLezer()
# The one scope the public reader has; of the models only these (names and codes) are theirs.
OPENBAAR_LEZEN = "openbaar"
OPENBARE_MODELLEN = frozenset({"taakstelling.Gemeente", "taakstelling.Provincie"})


@dataclass(frozen=True)
class Reikwijdte:
    """What a user may see. ``id`` is the province's or the municipality's id."""

    soort: str
    id: int | None = None

    @property
    def sleutel(self) -> str:
        """Who sees the same content: ``alles``, ``pv7``, ``gm42`` or ``niets``."""
        if self.soort == PROVINCIE:
            return f"pv{self.id}"
        if self.soort == GEMEENTE:
            return f"gm{self.id}"
        return self.soort


def _actief(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def reikwijdte(user) -> Reikwijdte:
    if isinstance(user, OpenbareLezer):
        return Reikwijdte(OPENBAAR_LEZEN)
    if not _actief(user):
        return Reikwijdte(NIETS)
    if user.is_superuser:
        return Reikwijdte(ALLES)
    soort = ZICHT.get(user.rol, NIETS)
    if soort == PROVINCIE:
        return Reikwijdte(PROVINCIE, user.provincie_id) if user.provincie_id else Reikwijdte(NIETS)
    if soort == GEMEENTE:
        return Reikwijdte(GEMEENTE, user.gemeente_id) if user.gemeente_id else Reikwijdte(NIETS)
    return Reikwijdte(soort)


def ziet_alles(user) -> bool:
    return reikwijdte(user).soort == ALLES


def mag_wijzigen(user) -> bool:
    """Only platform staff change figures (domain.md, "Who uses it")."""
    return _actief(user) and (user.is_superuser or user.rol in SCHRIJFT_CIJFERS)


def ziet_voorlopig(user) -> bool:
    """Only platform staff see provisional figures (domain.md, "The monthly cycle")."""
    return _actief(user) and (user.is_superuser or getattr(user, "rol", None) in ZIET_VOORLOPIG)


def schrijft_toezicht(user) -> bool:
    """Who records the province's supervision (toezicht): its supervisors and platform staff.

    Which municipalities is the queryset's business: ``restrict(user)`` narrows a supervisor to
    their own province, so a supervisor elsewhere gets a 404 before this is asked.
    """
    if not _actief(user) or not (user.is_superuser or user.rol in SCHRIJFT_TOEZICHT):
        return False
    return reikwijdte(user).soort in (ALLES, PROVINCIE)


# --- Derived answers ---------------------------------------------------------------------------


def scope_sleutel(user) -> str:
    """The cache-key part for a page: a cached page is only ever served within the scope it was
    made for (two officials of one municipality share it; an official and a supervisor do not;
    platform staff, who also see provisional peildata in the selector, not with the ministry)."""
    sleutel = reikwijdte(user).sleutel
    return f"{sleutel}-voorlopig" if ziet_voorlopig(user) else sleutel


def scope_omschrijving(user) -> dict:
    """The scope as a page names it: ``{"soort": "provincie", "naam": "Noord-Holland"}``;
    a municipality also gives its ``code``."""
    r = reikwijdte(user)
    if r.soort == ALLES:
        return {"soort": ALLES, "naam": "Nederland"}
    if r.soort == PROVINCIE:
        return {"soort": PROVINCIE, "naam": user.provincie.naam}
    if r.soort == GEMEENTE:
        return {"soort": GEMEENTE, "naam": user.gemeente.naam, "code": user.gemeente.code}
    return {"soort": NIETS, "naam": ""}


def beperk_stand(stand, user):
    """A ``berekening.Stand`` with only the municipalities (and provinces) the user may see.

    The national line stays: it is the published aggregate that every role reads in the progress
    report. The same rule as ``restrict``, applied to the calculation's frames (``gemeente_id``,
    ``provinciecode``) instead of a query.
    """
    r = reikwijdte(user)
    if r.soort in (ALLES, OPENBAAR_LEZEN):  # the public reader: everything national
        return stand
    gemeenten, provincies = stand.gemeenten, stand.provincies
    if r.soort == PROVINCIE:
        code = user.provincie.code
        return stand.beperkt(
            gemeenten[gemeenten["provinciecode"] == code],
            provincies[provincies["provinciecode"] == code],
        )
    if r.soort == GEMEENTE:
        return stand.beperkt(gemeenten[gemeenten["gemeente_id"] == r.id], provincies.iloc[0:0])
    return stand.beperkt(gemeenten.iloc[0:0], provincies.iloc[0:0])


# --- The queryset and the views ----------------------------------------------------------------


def _lookup(model, suffix: str) -> str:
    prefix = getattr(model, "gemeente_lookup", "gemeente")
    return f"{prefix}__{suffix}" if prefix else suffix


def _provincie_lookup(model) -> str:
    """A model whose rows belong to a province without a municipality (a province's report)
    names its own path with ``provincie_lookup``; otherwise the way goes through the municipality."""
    eigen = getattr(model, "provincie_lookup", None)
    return f"{eigen}_id" if eigen else _lookup(model, "provincie_id")


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user):
        r = reikwijdte(user)
        if r.soort == OPENBAAR_LEZEN:
            return self if self.model._meta.label in OPENBARE_MODELLEN else self.none()
        if r.soort == ALLES:
            return self
        if r.soort == PROVINCIE:
            return self.filter(**{_provincie_lookup(self.model): r.id})
        if r.soort == GEMEENTE and getattr(self.model, "gemeente_scope", True):
            return self.filter(**{_lookup(self.model, "id"): r.id})
        return self.none()

    def zichtbaar_voor(self, user):
        """For routes the public may read (the API): ``restrict`` as the public reader
        (``OPENBAAR``) for an anonymous caller while ``OPNIEUWTHUIS_OPENBAAR`` is on, otherwise
        as the user."""
        return self.restrict(lezer(user))


class ScopedViewMixin:
    """Every view of the project inherits this (directly or through a shared base).

    - Anonymous users go to the login page.
    - ``get_queryset`` is restricted to the user's scope, so a detail view outside it is a 404.
    - A view that writes sets ``schrijven = True``: only platform staff get past it (403 otherwise).
    """

    schrijven = False

    def dispatch(self, request, *args, **kwargs):
        from django.contrib.auth.views import redirect_to_login
        from django.core.exceptions import PermissionDenied

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not mag_lezen(request.user):
            raise PermissionDenied(FOUT_ALLEEN_AANLEVEREN)
        if self.schrijven and not mag_wijzigen(request.user):
            raise PermissionDenied("Alleen platformmedewerkers kunnen cijfers wijzigen.")
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user)


# --- The API (issue 17): the public, and the delivery account ----------------------------------

FOUT_ALLEEN_AANLEVEREN = "Dit account levert alleen maandcijfers aan via de API."
FOUT_NIET_AANLEVEREN = "Alleen platformmedewerkers en het aanleveraccount leveren cijfers aan."


def openbaar() -> bool:
    """Are the published figures public (``OPNIEUWTHUIS_OPENBAAR``, default on)?"""
    return getattr(settings, "OPNIEUWTHUIS_OPENBAAR", True)


def publiek(user) -> bool:
    """An anonymous caller while the published figures are public: reads what is published
    (closed months only) of every municipality, and nothing else."""
    return (user is None or not user.is_authenticated) and openbaar()


def lezer(user):
    """Who a call that the public may make reads as: the public reader ``OPENBAAR`` for an
    anonymous caller while the published figures are public, otherwise the user."""
    return OPENBAAR if publiek(user) else user


def mag_lezen(user) -> bool:
    """Reading figures: any active role but the delivery account, or the public."""
    if user is None or not user.is_authenticated:
        return openbaar()
    return user.is_active and (user.is_superuser or user.rol not in ALLEEN_AANLEVEREN)


def mag_aanleveren(user) -> bool:
    """Posting monthly figures through the API: platform staff and the delivery account."""
    return _actief(user) and (user.is_superuser or user.rol in LEVERT_AAN)


def ziet_alle_aanleveringen(user) -> bool:
    """Platform staff see every delivery; the delivery account only its own."""
    return mag_wijzigen(user)
