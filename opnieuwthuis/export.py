"""Safe cells for every export (CSV, XLSX): a spreadsheet must never run what a user typed.

Excel, LibreOffice and Google Sheets treat a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return as a formula (CSV injection, OWASP). Such text gets a leading ``'``; numbers
stay numbers, so a backlog of -409 remains a number and not the text ``'-409``.
"""

FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r")


def veilige_cel(waarde):
    """Return ``waarde`` fit for a spreadsheet cell: text that could start a formula is prefixed
    with ``'``; numbers, booleans, dates and ``None`` pass unchanged."""
    if isinstance(waarde, str) and waarde.startswith(FORMULE_BEGIN):
        return "'" + waarde
    return waarde
