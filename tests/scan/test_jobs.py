"""Scan jobs: created (checked), claimed and run by the runner with progress and result,
cancelled, failed, and recovered after a stopped server; public addresses only."""

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from leitplanke.audit.chain import Actor
from leitplanke.audit.tables import AuditEntry
from leitplanke.database.engine import session_factory, transaction
from leitplanke.registry.errors import ErrorKind
from leitplanke.registry.tables import Authority, Presence
from leitplanke.scan import Scanner
from leitplanke.scan.job_runner import ScanJobRunner
from leitplanke.scan.job_schemas import ScanJobCreate, job_result
from leitplanke.scan.jobs import (
    INTERRUPTED,
    ScanJobError,
    cancel_job,
    create_job,
    get_job,
    list_jobs,
    recover_interrupted,
)
from leitplanke.scan.tables import ScanJob, ScanStatus
from tests.scan.site_server import forwarding_responder

TESTER = Actor(None, "Test")
LOCAL = ("127.0.0.1/32",)
NOT_PUBLIC = [
    "http://127.0.0.1/",
    "http://127.0.0.1:8000/intern",
    "http://10.0.0.1/",
    "http://192.168.1.1/",
    "http://172.16.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://localhost/",
    "http://localhost:8000/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[fe80::1]/",
    "http://[fd00::1]/",
    "http://0.0.0.0/",
    "http://100.64.0.1/",
]


@pytest.fixture
def sessions(migrated_database) -> sessionmaker[Session]:
    return session_factory(migrated_database)


@pytest.fixture
def registry(sessions) -> dict[str, int]:
    """Two authorities, one presence of the first."""
    with transaction(sessions) as session:
        senate = Authority(slug="senatskanzlei", name="Senatskanzlei")
        district = Authority(slug="ba-pankow", name="Bezirksamt Pankow")
        session.add_all([senate, district])
        session.flush()
        presence = Presence(
            name="Senatskanzlei auf Mastodon",
            platform="mastodon",
            handle="@senatskanzlei@berlin.social",
            handle_key="senatskanzlei@berlin.social",
            purpose="Informationen.",
            authority_id=senate.id,
        )
        session.add(presence)
        session.flush()
        return {"senate": senate.id, "district": district.id, "presence": presence.id}


@pytest.fixture(scope="module")
def shared_scanner() -> Scanner:
    return Scanner()


def runner_of(sessions, scanner: Scanner, **options: Any) -> ScanJobRunner:
    """A runner reaching the test server on 127.0.0.1, without pauses between requests."""
    options.setdefault("allowed_networks", LOCAL)
    options.setdefault("overrides", {"per_host_delay": 0})
    return ScanJobRunner(sessions, make_scanner=lambda: scanner, poll_seconds=0.1, **options)


def queue(sessions, runner: ScanJobRunner, url: str, **fields: Any) -> int:
    """A queued job for `url`, checked by `runner`."""
    with transaction(sessions) as session:
        data = ScanJobCreate(url=url, **fields)
        return create_job(session, TESTER, data, check_address=runner.check_address).id


def job(sessions, job_id: int) -> ScanJob:
    with sessions() as session:
        return get_job(session, job_id, with_result=True)


def audit(sessions, job_id: int) -> list[tuple[str, dict[str, Any]]]:
    with sessions() as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity_type == "scan", AuditEntry.entity_id == str(job_id))
            .order_by(AuditEntry.sequence)
        ).all()
        return [(entry.action, entry.data) for entry in entries]


def wait_until(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.fixture
def started(sessions, shared_scanner) -> Iterator[ScanJobRunner]:
    """A runner with its worker threads, stopped after the test."""
    runner = runner_of(sessions, shared_scanner)
    runner.start()
    yield runner
    runner.stop()


# --- creating ----------------------------------------------------------------------------------


def test_a_job_is_queued_with_its_options_and_recorded_in_the_audit_log(
    sessions, shared_scanner, registry, site
):
    runner = runner_of(sessions, shared_scanner)
    job_id = queue(sessions, runner, site, depth=2, max_pages=7, presence_id=registry["presence"])
    stored = job(sessions, job_id)
    assert stored.status is ScanStatus.QUEUED
    assert (stored.pages_done, stored.pages_limit) == (0, 7)
    assert stored.options["depth"] == 2 and stored.options["allow_private"] is False
    assert stored.authority_id == registry["senate"]  # the presence's authority
    assert stored.result is None and stored.started_at is None
    assert audit(sessions, job_id) == [
        (
            "scan.create",
            {
                "url": site,
                "browser": False,
                "depth": 2,
                "max_pages": 7,
                "authority_id": registry["senate"],
                "presence_id": registry["presence"],
            },
        )
    ]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"authority_id": 999}, "authority_id", "Die Behörde Nr. 999 gibt es nicht."),
        ({"presence_id": 999}, "presence_id", "Die Präsenz Nr. 999 gibt es nicht."),
        ({"authority_id": "district", "presence_id": "presence"}, "presence_id", "gehört nicht"),
    ],
)
def test_registry_links_that_do_not_fit_name_their_field(
    sessions, shared_scanner, registry, site, fields, field, message
):
    fields = {key: registry.get(value, value) for key, value in fields.items()}
    runner = runner_of(sessions, shared_scanner)
    with pytest.raises(ScanJobError) as raised:
        queue(sessions, runner, site, **fields)
    assert (raised.value.kind, raised.value.field) == (ErrorKind.INVALID, field)
    assert message in raised.value.message
    with sessions() as session:
        assert list_jobs(session) == []


@pytest.mark.parametrize("url", NOT_PUBLIC)
def test_a_start_url_of_a_non_public_address_is_refused(sessions, shared_scanner, url):
    runner = ScanJobRunner(sessions, make_scanner=lambda: shared_scanner)  # as the app's own
    with pytest.raises(ScanJobError) as raised:
        queue(sessions, runner, url)
    assert (raised.value.kind, raised.value.field) == (ErrorKind.INVALID, "url")
    assert raised.value.message.startswith("Diese Adresse wird nicht geprüft: ")
    assert "nicht öffentlichen Adresse" in raised.value.message


def test_a_name_that_resolves_to_a_private_address_is_refused(sessions, shared_scanner):
    async def intranet(host: str, port: int) -> list[str]:
        return ["10.20.30.40"]

    runner = ScanJobRunner(sessions, make_scanner=lambda: shared_scanner, resolver=intranet)
    with pytest.raises(ScanJobError, match=r"10\.20\.30\.40"):
        queue(sessions, runner, "https://intranet.example.org/")


def test_allowed_networks_let_only_their_range_through(sessions, shared_scanner, site):
    runner = runner_of(sessions, shared_scanner)
    queue(sessions, runner, site)
    with pytest.raises(ScanJobError):
        queue(sessions, runner, "http://127.0.0.2/")
    with pytest.raises(ScanJobError):
        queue(sessions, runner, "http://[::1]/")


@pytest.mark.parametrize(
    "url",
    [
        "",
        "/etc/passwd",
        "file:///etc/passwd",
        "ftp://example.org/",
        "javascript:alert(1)",
        "https://",
        "https://user:secret@example.org/",
        "https://example .org/",
        "https://example.org:0/",
        "https://example.org/" + "x" * 2000,
    ],
)
def test_only_http_urls_of_a_host_are_taken(url):
    with pytest.raises(ValidationError) as raised:
        ScanJobCreate(url=url)
    assert raised.value.errors()[0]["loc"] == ("url",)


def test_the_start_url_is_normalised_and_the_crawl_bounded():
    data = ScanJobCreate(url="  HTTPS://WWW.Berlin.DE#oben ")
    assert data.url == "https://www.berlin.de/"
    for fields in ({"depth": 6}, {"max_pages": 51}, {"max_pages": 0}, {"allow_private": True}):
        with pytest.raises(ValidationError):
            ScanJobCreate(url="https://www.berlin.de/", **fields)


def test_the_runner_never_takes_allow_private_as_an_override(sessions):
    with pytest.raises(ValueError, match="allow_private"):
        ScanJobRunner(sessions, overrides={"allow_private": True})
    with pytest.raises(ValidationError):
        ScanJobRunner(sessions, overrides={"depth": -1})


# --- running -----------------------------------------------------------------------------------


def test_the_runner_scans_a_queued_job_and_stores_progress_and_result(
    sessions, shared_scanner, site
):
    runner = runner_of(sessions, shared_scanner)
    job_id = queue(sessions, runner, site, depth=1, max_pages=5)
    assert runner.run_next() is True
    assert runner.run_next() is False  # nothing queued any more
    done = job(sessions, job_id)
    assert done.status is ScanStatus.DONE and done.error is None
    result = job_result(done)
    assert result is not None and result.start == site and result.state == "limited"
    assert done.pages_done == result.summary.pages == 5
    assert done.summary == result.summary.model_dump(mode="json")
    assert result.summary.error > 0
    assert done.options["per_host_delay"] == 0  # the options it ran with
    assert done.started_at is not None and done.finished_at is not None
    assert done.started_at <= done.finished_at
    action, data = audit(sessions, job_id)[-1]
    assert action == "scan.finish"
    assert data == {"status": "done", "error": None, "pages": 5, "findings": [3, 1, 0]}


def test_progress_is_recorded_after_each_page(sessions, shared_scanner, site):
    runner = runner_of(sessions, shared_scanner, overrides={"per_host_delay": 0.2})
    job_id = queue(sessions, runner, site, depth=1, max_pages=4)
    seen: list[int] = []
    thread = threading.Thread(target=runner.run_next)
    thread.start()
    while thread.is_alive():
        seen.append(job(sessions, job_id).pages_done)
        time.sleep(0.02)
    thread.join()
    assert job(sessions, job_id).status is ScanStatus.DONE
    assert seen == sorted(seen)  # never backwards
    assert {1, 2, 3} & set(seen), seen  # seen between the start and the end


def test_workers_take_each_queued_job_once(sessions, shared_scanner, site):
    runner = runner_of(sessions, shared_scanner, workers=3)
    job_ids = [queue(sessions, runner, site + f"tiefe/{n}.html", depth=0) for n in (1, 2, 3)]
    runner.start()
    try:
        for _ in job_ids:
            runner.wake()
        wait_until(lambda: all(job(sessions, i).status is ScanStatus.DONE for i in job_ids))
    finally:
        runner.stop()
    for job_id in job_ids:
        assert [action for action, _ in audit(sessions, job_id)] == ["scan.create", "scan.finish"]


def test_a_started_runner_picks_up_a_job_when_woken(sessions, started, site):
    job_id = queue(sessions, started, site, depth=0)
    started.wake()
    wait_until(lambda: job(sessions, job_id).status is ScanStatus.DONE)


def test_a_scan_where_no_page_could_be_scanned_fails_with_the_reason(
    sessions, shared_scanner, site
):
    runner = runner_of(sessions, shared_scanner)
    job_id = queue(sessions, runner, site + "privat/geheim.html", depth=0)
    runner.run_next()
    failed = job(sessions, job_id)
    assert failed.status is ScanStatus.FAILED
    assert failed.error == (
        "Keine Seite konnte geprüft werden: "
        "robots.txt verbietet den Abruf (oder ist nicht erreichbar)"
    )
    assert job_result(failed) is not None  # the skipped page says why


def test_a_scan_that_raises_fails_with_its_message(sessions, site):
    def broken() -> Scanner:
        raise RuntimeError("Katalog kaputt")

    runner = ScanJobRunner(sessions, make_scanner=broken, allowed_networks=LOCAL)
    job_id = queue(sessions, runner, site)
    runner.run_next()
    failed = job(sessions, job_id)
    assert failed.status is ScanStatus.FAILED
    assert failed.error == "Der Scan ist fehlgeschlagen: Katalog kaputt"
    assert failed.result is None and failed.finished_at is not None


def test_a_job_that_reached_the_queue_some_other_way_still_scans_public_addresses_only(
    sessions, shared_scanner, site
):
    with transaction(sessions) as session:
        stored = ScanJob(url=site, options={"allow_private": True, "max_pages": 3}, pages_limit=3)
        session.add(stored)
        session.flush()
        job_id = stored.id
    runner = ScanJobRunner(sessions, make_scanner=lambda: shared_scanner)  # as the app's own
    runner.run_next()
    refused = job(sessions, job_id)
    assert refused.status is ScanStatus.FAILED
    assert "nicht öffentlichen Adresse" in (refused.error or "")
    assert refused.options["allow_private"] is False


# --- cancelling, stopping, recovering ------------------------------------------------------------


def test_cancelling_a_queued_job_ends_it_at_once(sessions, shared_scanner, site):
    runner = runner_of(sessions, shared_scanner)
    job_id = queue(sessions, runner, site)
    with transaction(sessions) as session:
        cancel_job(session, TESTER, job_id)
    cancelled = job(sessions, job_id)
    assert cancelled.status is ScanStatus.CANCELLED and cancelled.finished_at is not None
    assert runner.run_next() is False
    assert [action for action, _ in audit(sessions, job_id)] == ["scan.create", "scan.cancel"]


def test_cancelling_a_running_job_stops_it_after_the_pages_in_progress(
    sessions, shared_scanner, site
):
    runner = runner_of(sessions, shared_scanner, overrides={"per_host_delay": 0.3})
    job_id = queue(sessions, runner, site, depth=3, max_pages=50)
    thread = threading.Thread(target=runner.run_next)
    thread.start()
    wait_until(lambda: job(sessions, job_id).pages_done >= 1)
    with transaction(sessions) as session:  # as another process would: the database only
        cancel_job(session, TESTER, job_id)
    thread.join(timeout=30)
    cancelled = job(sessions, job_id)
    assert cancelled.status is ScanStatus.CANCELLED and cancelled.error is None
    result = job_result(cancelled)
    assert result is not None and result.state == "cancelled"
    assert 1 <= result.summary.pages < 20
    with transaction(sessions) as session, pytest.raises(ScanJobError) as raised:
        cancel_job(session, TESTER, job_id)
    assert raised.value.kind is ErrorKind.CONFLICT


def test_cancel_stops_a_job_of_this_process_at_once(sessions, shared_scanner, site):
    runner = runner_of(sessions, shared_scanner, overrides={"per_host_delay": 0.3})
    job_id = queue(sessions, runner, site, depth=3, max_pages=50)
    runner.start()
    try:
        runner.wake()
        wait_until(lambda: job(sessions, job_id).status is ScanStatus.RUNNING)
        with transaction(sessions) as session:
            cancel_job(session, TESTER, job_id)
        runner.cancel(job_id)
        wait_until(lambda: job(sessions, job_id).status is ScanStatus.CANCELLED, timeout=10)
    finally:
        runner.stop()


def test_stopping_the_runner_interrupts_a_running_scan(sessions, shared_scanner, site):
    runner = runner_of(sessions, shared_scanner, overrides={"per_host_delay": 0.3})
    job_id = queue(sessions, runner, site, depth=3, max_pages=50)
    runner.start()
    runner.wake()
    wait_until(lambda: job(sessions, job_id).pages_done >= 1)
    runner.stop()
    assert not runner.running
    interrupted = job(sessions, job_id)
    assert interrupted.status is ScanStatus.FAILED and interrupted.error == INTERRUPTED
    assert job_result(interrupted) is not None  # the pages scanned until then


def test_jobs_left_running_by_a_stopped_server_fail_when_the_runner_starts(
    sessions, shared_scanner, site
):
    runner = runner_of(sessions, shared_scanner)
    left, waiting = queue(sessions, runner, site), queue(sessions, runner, site)
    with transaction(sessions) as session:
        session.execute(update(ScanJob).where(ScanJob.id == left).values(status=ScanStatus.RUNNING))
    assert runner.start() == [left]
    try:
        wait_until(lambda: job(sessions, waiting).status is ScanStatus.DONE)
    finally:
        runner.stop()
    failed = job(sessions, left)
    assert failed.status is ScanStatus.FAILED and failed.error == INTERRUPTED
    assert audit(sessions, left)[-1] == (
        "scan.finish",
        {"status": "failed", "error": INTERRUPTED},
    )
    with transaction(sessions) as session:
        assert recover_interrupted(session) == []


# --- the browser ---------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
def test_a_browser_job_records_what_chromium_loads(sessions, shared_scanner, site, chromium):
    runner = runner_of(
        sessions,
        shared_scanner,
        overrides={"per_host_delay": 0, "offline": True},
        responder=forwarding_responder(site),
    )
    job_id = queue(sessions, runner, site + "plugins/facebook-like.html", browser=True, depth=0)
    runner.run_next()
    done = job(sessions, job_id)
    assert done.status is ScanStatus.DONE, done.error
    result = job_result(done)
    assert result is not None and result.mode == "browser"
    page = result.pages[0]
    assert "INST-SP-01" in {finding.rule_id for finding in page.findings}
    third_party = [r for r in page.requests if r.party == "third"]
    assert third_party and all(r.outcome == "stubbed" for r in third_party)
    assert done.options["browser"] is True and done.options["offline"] is True
