"""Signals of the monthly cycle that other rooms listen to (messages after a month closes)."""

from django.dispatch import Signal

# Sent after the transaction that closed a month committed; kwargs: maand (date), gebruiker.
maand_vastgesteld = Signal()
