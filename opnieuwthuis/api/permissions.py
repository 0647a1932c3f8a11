from rest_framework.permissions import BasePermission

from opnieuwthuis.scoping import (
    FOUT_ALLEEN_AANLEVEREN,
    FOUT_NIET_AANLEVEREN,
    mag_aanleveren,
    mag_lezen,
)


class MagLezen(BasePermission):
    """Reading routes: every role but the delivery account; anonymous callers only while the
    published figures are public (otherwise 401). What they see is narrowed by the scope."""

    message = FOUT_ALLEEN_AANLEVEREN

    def has_permission(self, request, view):
        return mag_lezen(request.user)


class MagAanleveren(BasePermission):
    message = FOUT_NIET_AANLEVEREN

    def has_permission(self, request, view):
        return mag_aanleveren(request.user)
