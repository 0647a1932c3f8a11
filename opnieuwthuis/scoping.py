"""The one scoping mechanism: every scoped queryset knows its path to the municipality.

A model sets ``gemeente_lookup`` (the ORM path from the model to ``Gemeente``; empty for Gemeente
itself) and uses ``RestrictedQuerySet``. ``restrict(user)`` then narrows it to what the user may see:
platform and ministry staff everything, a province supervisor the municipalities of their province,
a municipality official their own municipality, anybody else nothing.
"""

from django.db import models


def _lookup(model, suffix: str) -> str:
    prefix = getattr(model, "gemeente_lookup", "gemeente")
    return f"{prefix}__{suffix}" if prefix else suffix


class RestrictedQuerySet(models.QuerySet):
    """A model opts out of the municipality scope with ``gemeente_scope = False``: a province is a
    supervisor's unit, and its totals would tell an official about the neighbours."""

    def restrict(self, user):
        from gebruikers.choices import Rol

        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser or user.rol in (Rol.PLATFORM, Rol.MINISTERIE):
            return self
        if user.rol == Rol.PROVINCIE and user.provincie_id:
            return self.filter(**{_lookup(self.model, "provincie_id"): user.provincie_id})
        if (
            user.rol == Rol.GEMEENTE
            and user.gemeente_id
            and getattr(self.model, "gemeente_scope", True)
        ):
            return self.filter(**{_lookup(self.model, "id"): user.gemeente_id})
        return self.none()


def ziet_voorlopig(user) -> bool:
    """Only platform staff see provisional figures (a peildatum with a month not yet closed);
    everyone else sees final peildata only (domain.md, "The monthly cycle")."""
    return bool(user is not None and getattr(user, "mag_wijzigen", False))


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
        if self.schrijven and not request.user.mag_wijzigen:
            raise PermissionDenied("Alleen platformmedewerkers kunnen cijfers wijzigen.")
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user)


def schrijft_toezicht(user) -> bool:
    """Who records the province's supervision (toezicht): its supervisors and platform staff.

    Which municipalities is the queryset's business: ``restrict(user)`` narrows a supervisor to
    their own province, so a supervisor elsewhere gets a 404 before this is asked.
    """
    from gebruikers.choices import Rol

    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.rol == Rol.PLATFORM:
        return True
    return user.rol == Rol.PROVINCIE and bool(user.provincie_id)
