"""Two people save the same item at the same moment: one wins, the other is told, nothing is lost."""

import threading

import pytest
from django.db import connections
from rest_framework.test import APIClient

from strategies.models import Strategy
from tests.conftest import make, token_client

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_of_two_simultaneous_writes_with_the_same_etag_one_succeeds_and_one_gets_412(reviewer):
    make(Strategy, "contested", status="draft")
    path = "/api/v1/strategies/contested/"
    reader = token_client(reviewer)
    etag = reader.get(path, {"preview": 1})["ETag"]
    start = threading.Barrier(2)
    results = {}

    def write(summary):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=reader._credentials["HTTP_AUTHORIZATION"])
        start.wait()
        try:
            response = client.patch(path, {"summary": summary}, format="json", HTTP_IF_MATCH=etag)
            results[summary] = response.status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(summary,)) for summary in ("First.", "Second.")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(results.values()) == [200, 412]
    winner = next(summary for summary, status in results.items() if status == 200)
    assert Strategy.objects.get(slug="contested").summary == winner
