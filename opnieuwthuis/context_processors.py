def gebruiker(request):
    """Tell an official whose municipality has ended (reorganisation) on every page."""
    user = getattr(request, "user", None)
    gemeente = getattr(user, "gemeente", None) if user and user.is_authenticated else None
    if gemeente is not None and gemeente.einddatum is not None:
        return {"gemeente_beeindigd": gemeente}
    return {}
