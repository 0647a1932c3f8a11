"""Mail settings from the environment: one EMAIL_URL for every backend Django has."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from opnieuwthuis.settings.base import email_instellingen


def test_smtp_with_starttls_and_a_quoted_password():
    assert email_instellingen("smtp+tls://post%40gemeente.nl:ge%2Fheim@smtp.example.nl") == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.nl",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "post@gemeente.nl",
        "EMAIL_HOST_PASSWORD": "ge/heim",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
    }
    smtps = email_instellingen("smtps://smtp.example.nl:2465")
    assert (smtps["EMAIL_PORT"], smtps["EMAIL_USE_SSL"], smtps["EMAIL_USE_TLS"]) == (
        2465,
        True,
        False,
    )
    assert email_instellingen("smtp://localhost")["EMAIL_PORT"] == 25


def test_console_file_and_memory():
    assert email_instellingen("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    assert email_instellingen("file:///var/lib/opnieuwthuis/berichten") == {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "/var/lib/opnieuwthuis/berichten",
    }
    assert email_instellingen("locmem://")["EMAIL_BACKEND"].endswith("locmem.EmailBackend")


@pytest.mark.parametrize("url", ["file://", "imap://mail.example.nl", "smtp.example.nl"])
def test_a_wrong_url_says_what_is_expected(url):
    with pytest.raises(ImproperlyConfigured):
        email_instellingen(url)
