"""What every API route shares (issue 17): problem details, limits, pagination, permissions.

The routes themselves live in each app's ``api/`` package (as NetBox keeps ``<app>/api/``) and
are mounted under ``/api/v1/`` by ``opnieuwthuis/urls.py``. Like the rest of ``opnieuwthuis``,
nothing here imports an app.
"""
