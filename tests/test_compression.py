"""Pages are compressed for clients that accept it, with the CSRF token masked per response."""

import gzip
import re

from django.urls import reverse
from whitenoise.compress import Compressor

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_pages_are_gzipped_when_the_client_accepts_it(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"csrfmiddlewaretoken" in gzip.decompress(response.content)


def test_pages_are_plain_for_clients_that_do_not_accept_gzip(client):
    response = client.get(reverse("login"))
    assert not response.has_header("Content-Encoding")
    assert b"csrfmiddlewaretoken" in response.content


def test_the_csrf_token_in_a_compressed_page_differs_in_every_response(client):
    """BREACH needs a secret repeated byte for byte across responses; the token is masked."""
    tokens = {
        TOKEN.search(
            gzip.decompress(client.get(reverse("login"), HTTP_ACCEPT_ENCODING="gzip").content)
        ).group(1)
        for _ in range(3)
    }
    assert len(tokens) == 3


def test_static_files_are_also_compressed_with_brotli():
    assert Compressor(quiet=True).use_brotli
