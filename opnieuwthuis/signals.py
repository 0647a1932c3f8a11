"""Signals the project package sends; the apps listen (the project package imports no app).

``gegevens_gewijzigd``: a change of figures has been committed and the data version
(``opnieuwthuis.cache``) is new. Sent once per committed write path (a bulk import, a single save
or delete), after the commit, with ``sender`` the data-version model. A receiver must not fail the
writer: Django's ``send`` passes an exception on, so a receiver catches its own.
"""

from django.dispatch import Signal

gegevens_gewijzigd = Signal()
