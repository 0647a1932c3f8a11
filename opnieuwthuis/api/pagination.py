from rest_framework.pagination import PageNumberPagination


class Paginering(PageNumberPagination):
    """Lists that can grow: ``?pagina=2&per_pagina=50`` (at most 500)."""

    page_query_param = "pagina"
    page_size_query_param = "per_pagina"
    max_page_size = 500
    invalid_page_message = "Pagina {page_number} bestaat niet."
