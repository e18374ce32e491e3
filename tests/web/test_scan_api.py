"""The scans' JSON API: an asynchronous job (202 and Location), its status and progress, its
report in four formats, cancelling; roles, CSRF, refusals that name the field, and no scan of
a non-public address, whatever is sent."""

import json
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from leitplanke.audit.chain import Actor
from leitplanke.database.engine import transaction
from leitplanke.scan.job_runner import ScanJobRunner
from leitplanke.scan.job_schemas import ScanJobCreate
from leitplanke.scan.jobs import INTERRUPTED, create_job
from leitplanke.scan.tables import ScanJob, ScanStatus
from leitplanke.settings import Settings
from leitplanke.web import create_app
from leitplanke.web.scan_view import make_scan_runner
from tests.web.conftest import BASE_URL, MINI, sign_in
from tests.web.registry_setup import BACKENDS, JSON, SIGNED_IN, VIEWERS, Registry
from tests.web.scan_setup import (
    RUN_SCAN,
    local_runner,
    scan_count,
    scanning_registry,
    served_site,
    wait_for,
)

NOT_PUBLIC = [
    "http://127.0.0.1/",
    "http://10.1.2.3/",
    "http://169.254.169.254/latest/meta-data/",
    "http://localhost:8000/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]:8080/",
    "http://192.168.178.1/",
]


@pytest.fixture(scope="module")
def local_site() -> Iterator[str]:
    with served_site() as base_url:
        yield base_url


@pytest.fixture(scope="module", params=BACKENDS)
def registry(request, tmp_path_factory) -> Iterator[Registry]:
    with scanning_registry(request.param, tmp_path_factory.mktemp("scan_api")) as filled:
        yield filled


def start(registry: Registry, viewer: str, **body) -> object:
    return registry.client(viewer).post(
        "/api/v1/scans", json=body, headers=registry.write_headers(viewer)
    )


# --- who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize("viewer", VIEWERS)
def test_starting_a_scan_needs_the_permission_to_run_scans(registry, local_site, viewer):
    before = scan_count(registry)
    response = start(registry, viewer, url=local_site, depth=0)
    if viewer in RUN_SCAN:
        assert response.status_code == 202, response.text
        wait_for(registry, response.json()["id"])
    else:
        assert response.status_code == (401 if viewer == "anonymous" else 403)
        assert scan_count(registry) == before


@pytest.mark.parametrize("viewer", VIEWERS)
def test_every_signed_in_role_reads_scans(registry, local_site, viewer):
    scan_id = start(registry, "admin", url=local_site, depth=0).json()["id"]
    wait_for(registry, scan_id)
    client = registry.client(viewer)
    expected = 200 if viewer in SIGNED_IN else 401
    for path in ("", f"/{scan_id}", f"/{scan_id}/report?format=text"):
        assert client.get(f"/api/v1/scans{path}", headers=JSON).status_code == expected, path


def test_a_scan_without_the_csrf_token_is_refused(registry, local_site):
    before = scan_count(registry)
    response = registry.client("admin").post(
        "/api/v1/scans", json={"url": local_site}, headers=JSON
    )
    assert response.status_code == 403
    assert "Sicherheitstoken" in response.json()["detail"]
    assert scan_count(registry) == before


# --- the job ---------------------------------------------------------------------------------


def test_a_scan_is_accepted_then_runs_in_the_background_and_reports(registry, local_site):
    response = start(
        registry,
        "dpo",
        url=local_site,
        depth=1,
        max_pages=4,
        authority_id=registry.ids["senate"],
        presence_id=registry.ids["active"],
    )
    assert response.status_code == 202
    job = response.json()
    assert response.headers["location"] == f"/api/v1/scans/{job['id']}"
    assert job["status"] in ("queued", "running")
    assert job["progress"] == {"pages_done": 0, "pages_limit": 4} or job["status"] == "running"
    assert job["requested_by"] == "Dpo"
    assert job["options"]["allow_private"] is False
    client = registry.client("staff")
    seen = []
    while True:
        current = client.get(response.headers["location"]).json()
        seen.append((current["status"], current["progress"]["pages_done"]))
        if current["status"] == "done":
            break
        assert current["result"] is None
        time.sleep(0.02)
    assert [done for _, done in seen] == sorted(done for _, done in seen)
    assert any(status == "running" and 0 < done < 4 for status, done in seen), seen
    assert current["progress"] == {"pages_done": 4, "pages_limit": 4}
    assert current["summary"]["pages"] == 4
    assert current["result"]["start"] == local_site
    assert current["result"]["summary"] == current["summary"]
    assert current["finished_at"] >= current["started_at"] >= current["created_at"]


def test_the_report_comes_in_four_formats(registry, local_site):
    scan_id = start(registry, "admin", url=local_site + "plugins/youtube.html", depth=0).json()
    wait_for(registry, scan_id["id"])
    client = registry.client("reviewer")
    path = f"/api/v1/scans/{scan_id['id']}/report"
    as_json = client.get(path)  # JSON by default
    assert as_json.headers["content-type"] == "application/json"
    assert as_json.json()["summary"]["warning"] == 1
    sarif = client.get(path, params={"format": "sarif"})
    assert sarif.headers["content-type"] == "application/sarif+json"
    assert json.loads(sarif.text)["runs"][0]["results"][0]["ruleId"] == "INST-SP-03"
    text = client.get(path, params={"format": "text"})
    assert text.headers["content-type"] == "text/plain; charset=utf-8"
    assert "Warnung INST-SP-03" in text.text
    html = client.get(path, params={"format": "html"})
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    assert "<h2" in html.text and "Zusammenfassung" in html.text
    policy = html.headers["content-security-policy"]
    assert "style-src 'sha256-" in policy and "script-src" not in policy
    assert client.get(path, params={"format": "pdf"}).status_code == 422


def test_scans_are_listed_newest_first_and_filtered_by_authority_and_presence(registry, local_site):
    ids = registry.ids
    senate = start(registry, "admin", url=local_site, depth=0, authority_id=ids["senate"])
    district = start(
        registry, "admin", url=local_site, depth=0, presence_id=ids["district_planned"]
    )
    senate_id, district_id = senate.json()["id"], district.json()["id"]
    assert district.json()["authority_id"] == ids["district"]  # from its presence
    client = registry.client("staff")
    every = [job["id"] for job in client.get("/api/v1/scans").json()]
    assert every == sorted(every, reverse=True) and {senate_id, district_id} <= set(every)
    by_authority = client.get("/api/v1/scans", params={"authority_id": ids["district"]}).json()
    assert district_id in {job["id"] for job in by_authority}
    assert all(job["authority_id"] == ids["district"] for job in by_authority)
    by_presence = client.get(
        "/api/v1/scans", params={"presence_id": ids["district_planned"]}
    ).json()
    assert [job["id"] for job in by_presence] == [district_id]
    assert all("result" not in job for job in by_presence)
    limited = client.get("/api/v1/scans", params={"limit": 1}).json()
    assert len(limited) == 1
    for _ in (senate_id, district_id):
        wait_for(registry, _)
    done = client.get("/api/v1/scans", params={"status": "done", "limit": 100}).json()
    assert {senate_id, district_id} <= {job["id"] for job in done}


def test_an_unknown_scan_is_404_and_a_scan_without_result_409(registry, local_site):
    client = registry.client("admin")
    assert client.get("/api/v1/scans/999999").status_code == 404
    assert client.get("/api/v1/scans/999999/report").status_code == 404
    assert client.get("/api/v1/scans/0").status_code == 422
    with transaction(registry.app.state.sessions) as session:
        job = create_job(
            session,
            Actor(None, "Test"),
            ScanJobCreate(url=local_site),
            check_address=registry.app.state.scan_runner.check_address,
        )
        job.status = ScanStatus.FAILED  # never run: no result
    response = client.get(f"/api/v1/scans/{job.id}/report")
    assert response.status_code == 409
    assert "noch kein Ergebnis" in response.json()["detail"]


# --- cancelling -------------------------------------------------------------------------------


def test_a_running_scan_is_cancelled_and_cannot_be_cancelled_twice(registry, local_site):
    scan_id = start(registry, "editor", url=local_site, depth=3, max_pages=50).json()["id"]
    client = registry.client("admin")
    deadline = time.monotonic() + 20
    while client.get(f"/api/v1/scans/{scan_id}").json()["progress"]["pages_done"] < 1:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    for viewer in ("staff", "reviewer"):
        forbidden = registry.client(viewer).post(
            f"/api/v1/scans/{scan_id}/cancel", headers=registry.write_headers(viewer)
        )
        assert forbidden.status_code == 403
    response = client.post(
        f"/api/v1/scans/{scan_id}/cancel", headers=registry.write_headers("admin")
    )
    assert response.status_code == 200
    assert response.json()["cancel_requested"] is True
    job = wait_for(registry, scan_id, timeout=10)
    assert job["status"] == "cancelled"
    assert job["result"]["state"] == "cancelled"
    assert job["progress"]["pages_done"] < 26
    again = client.post(f"/api/v1/scans/{scan_id}/cancel", headers=registry.write_headers("admin"))
    assert again.status_code == 409
    assert "schon beendet" in again.json()["detail"]
    unknown = client.post("/api/v1/scans/999999/cancel", headers=registry.write_headers("admin"))
    assert unknown.status_code == 404


# --- refusals ---------------------------------------------------------------------------------


@pytest.fixture
def own_runner(registry) -> Iterator[ScanJobRunner]:
    """The runner the app makes for itself (public addresses only), not started: jobs wait."""
    app = registry.app
    local = app.state.scan_runner
    app.state.scan_runner = make_scan_runner(
        app.state.settings, app.state.sessions, app.state.site.publication
    )
    yield app.state.scan_runner
    app.state.scan_runner = local


@pytest.mark.parametrize("url", NOT_PUBLIC)
def test_a_non_public_address_is_refused_at_the_url_field(registry, own_runner, url):
    before, audit = scan_count(registry), registry.audit_count()
    response = start(registry, "admin", url=url)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "url"]
    assert error["msg"].startswith("Feld „url“: Diese Adresse wird nicht geprüft: ")
    assert "nicht öffentlichen Adresse" in error["msg"]
    assert (scan_count(registry), registry.audit_count()) == (before, audit)


def test_the_test_server_itself_is_refused_by_the_apps_own_runner(registry, own_runner, local_site):
    response = start(registry, "admin", url=local_site)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "url"]


@pytest.mark.parametrize(
    ("body", "location", "message"),
    [
        ({"url": "file:///etc/passwd"}, ["body", "url"], "https:// oder http://"),
        ({"url": "/etc/passwd"}, ["body", "url"], "https:// oder http://"),
        ({"url": "https://nutzer:geheim@example.org/"}, ["body", "url"], "Passwort"),
        ({"url": "keine Adresse"}, ["body", "url"], "Leerzeichen"),
        ({}, ["body", "url"], ""),
        ({"url": "LOCAL", "depth": 6}, ["body", "depth"], "höchstens 5"),
        ({"url": "LOCAL", "max_pages": 51}, ["body", "max_pages"], "höchstens 50"),
        ({"url": "LOCAL", "max_pages": 0}, ["body", "max_pages"], "mindestens 1"),
        ({"url": "LOCAL", "allow_private": True}, ["body", "allow_private"], ""),
        ({"url": "LOCAL", "authority_id": 99999}, ["body", "authority_id"], "gibt es nicht"),
        ({"url": "LOCAL", "presence_id": 99999}, ["body", "presence_id"], "gibt es nicht"),
        (
            {"url": "LOCAL", "authority_id": "district", "presence_id": "active"},
            ["body", "presence_id"],
            "gehört nicht zur gewählten Behörde",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field(registry, local_site, body, location, message):
    body = {
        key: local_site if value == "LOCAL" else registry.ids.get(value, value)
        for key, value in body.items()
    }
    before = scan_count(registry)
    response = start(registry, "admin", **body)
    assert response.status_code == 422, response.text
    errors = response.json()["detail"]
    assert errors[0]["loc"] == location
    assert message in errors[0]["msg"]
    assert scan_count(registry) == before


# --- the server's life ------------------------------------------------------------------------


def test_the_server_marks_scans_it_left_running_as_failed_when_it_starts(
    database_app, local_site, make_user
):
    make_user("admin", "administrator")
    sessions = database_app.state.sessions
    runner = local_runner(database_app)
    with transaction(sessions) as session:
        job = create_job(
            session,
            Actor(None, "Test"),
            ScanJobCreate(url=local_site),
            check_address=runner.check_address,
        )
        job.status = ScanStatus.RUNNING
    database_app.state.scan_runner = runner
    with TestClient(database_app) as client:
        sign_in(client, "admin")
        job_json = client.get(f"/api/v1/scans/{job.id}").json()
    assert (job_json["status"], job_json["error"]) == ("failed", INTERRUPTED)
    assert not runner.running  # stopped with the server


def test_stopping_the_server_interrupts_a_running_scan(database_app, local_site, make_user):
    make_user("admin", "administrator")
    database_app.state.scan_runner = local_runner(database_app)
    with TestClient(database_app) as client:
        token = sign_in(client, "admin")
        response = client.post(
            "/api/v1/scans",
            json={"url": local_site, "depth": 3, "max_pages": 50},
            headers={"X-CSRF-Token": token},
        )
        location = response.headers["location"]
        deadline = time.monotonic() + 20
        while client.get(location).json()["progress"]["pages_done"] < 1:
            assert time.monotonic() < deadline
            time.sleep(0.05)
    with database_app.state.sessions() as session:
        job = session.get(ScanJob, int(location.rsplit("/", 1)[1]))
        assert job is not None
        assert (job.status, job.error) == (ScanStatus.FAILED, INTERRUPTED)


def test_a_server_whose_database_lacks_the_schema_still_starts(tmp_path):
    settings = Settings(data_dir=tmp_path / "data", migrate_on_start=False)
    application = create_app(MINI, BASE_URL, settings)
    try:
        with TestClient(application) as client:
            assert client.get("/").status_code == 200
    finally:
        application.state.database.dispose()


def test_a_queued_scan_waits_until_a_server_runs_it(database_app, local_site, make_user):
    make_user("admin", "administrator")
    database_app.state.scan_runner = local_runner(database_app)
    client = TestClient(database_app)  # not started: no runner
    token = sign_in(client, "admin")
    response = client.post(
        "/api/v1/scans", json={"url": local_site, "depth": 0}, headers={"X-CSRF-Token": token}
    )
    location = response.headers["location"]
    time.sleep(0.3)
    assert client.get(location).json()["status"] == "queued"
    with TestClient(database_app) as running:
        running.cookies = client.cookies
        deadline = time.monotonic() + 20
        while running.get(location).json()["status"] != "done":
            assert time.monotonic() < deadline
            time.sleep(0.05)
