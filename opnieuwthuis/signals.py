"""Signals the project package sends; the apps listen (the project package imports no app).

``gegevens_gewijzigd``: a change of figures has been committed and the data version
(``opnieuwthuis.cache``) is new. Sent once per committed write path (a bulk import, a single save
or delete), after the commit, with ``sender`` the data-version model. It is how an app above
hears of a change without ``opnieuwthuis`` importing it (the report's background preparation
listened until issue 14 made the PDF fast enough to render on demand; no app needs it today).
A receiver must not fail the writer: Django's ``send`` passes an exception on.
"""

from django.dispatch import Signal

gegevens_gewijzigd = Signal()
