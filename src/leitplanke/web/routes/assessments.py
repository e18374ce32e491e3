"""The decision process (Klärungsprozess): list, start, overview, steps, result and sign-off.

Every signed-in role reads every assessment; editing needs `EDIT_ASSESSMENT` (editors: for
presences of their own authority), signing `SIGN_ASSESSMENT`. Writes are plain POST forms with
the session's CSRF token; each answers with 303 to the page to see next, or with the form
again and its errors (422), or with an error page (403, 404, 409).
"""

from typing import Annotated, cast

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from leitplanke.accounts.roles import Permission
from leitplanke.accounts.sessions import SignedIn
from leitplanke.assessments.answers import AnswerError
from leitplanke.assessments.errors import AssessmentError
from leitplanke.assessments.queries import list_assessments, startable_presences
from leitplanke.assessments.service import (
    can_edit,
    save_step,
    sign_assessment,
    start_assessment,
)
from leitplanke.assessments.signing import load_signing_key
from leitplanke.assessments.visibility import shown_questions
from leitplanke.registry.tables import Authority
from leitplanke.rulebook.versions import RulebookHistory
from leitplanke.web.assessment_view import (
    LATER,
    AssessmentPage,
    FormErrors,
    assessment_page,
    form_too_large,
    path_of,
    posted_version,
    question_fields,
    raw_answers,
    status_of,
)
from leitplanke.web.authentication import (
    DatabaseDep,
    SettingsDep,
    SignedInDep,
    actor_of,
    requires,
)
from leitplanke.web.dependencies import published_site
from leitplanke.web.errors import error_response
from leitplanke.web.registry_view import scope_of
from leitplanke.web.rendering import render_app_page

router = APIRouter(include_in_schema=False)

EditorDep = Annotated[SignedIn, Depends(requires(Permission.EDIT_ASSESSMENT))]
SignerDep = Annotated[SignedIn, Depends(requires(Permission.SIGN_ASSESSMENT))]
CONFIRMATION = "bestaetigung"
UNKNOWN_STEP = "Diesen Schritt hat der Fragebogen nicht."
VERSION_MISSING = AnswerError(
    question_id="version", message="Die Versionsangabe des Formulars fehlt; bitte neu laden."
)


def history_of(request: Request) -> RulebookHistory:
    """Every version of the rulebook the app serves (an assessment may answer an older one)."""
    return published_site(request).publication.history


HistoryDep = Annotated[RulebookHistory, Depends(history_of)]


async def limited_body(request: Request) -> None:
    """Refuses a form body beyond the limit before anything reads it (also the CSRF check)."""
    if request.headers.get("content-length") is None:
        raise HTTPException(411, "Die Anfrage muss ihre Länge angeben (Content-Length).")
    if form_too_large(request):
        raise HTTPException(413, "Das Formular ist zu groß (höchstens 1 MB).")


async def posted_form(request: Request) -> FormData:
    """The posted form (already read by the CSRF check, if it ran)."""
    return await request.form()


LimitDep = Annotated[None, Depends(limited_body)]
FormDep = Annotated[FormData, Depends(posted_form)]


def refused(request: Request, session: Session, error: AssessmentError) -> Response:
    """The error page of a refused read or write; nothing of the write is kept."""
    session.rollback()
    return error_response(request, status_of(error), error.message)


def steps_path(assessment_id: int, step_id: str | None = None) -> str:
    """The path of an assessment's overview, or of one of its steps."""
    base = f"/intern/klaerungen/{assessment_id}"
    return f"{base}/schritte/{step_id}" if step_id else base


# --- list and start -----------------------------------------------------------------------------


@router.get("/intern/klaerungen")
def assessments_list(
    request: Request, session: DatabaseDep, who: SignedInDep, history: HistoryDep
) -> Response:
    """Every assessment, and the planned presences that may start one."""
    scope = scope_of(who)
    startable = startable_presences(session)
    wanted = {presence.authority_id for presence in startable}
    authority_names: dict[int, str] = {
        row.id: row.name
        for row in session.execute(
            select(Authority.id, Authority.name).where(Authority.id.in_(wanted))
        )
    }
    return render_app_page(
        request,
        "assessments.html",
        assessments=list_assessments(session),
        startable=[
            (presence, authority_names.get(presence.authority_id, "")) for presence in startable
        ],
        may_start={p.id for p in startable if can_edit(scope, p.authority_id)},
        has_questionnaire=history.current.questionnaire is not None,
    )


@router.post("/intern/praesenzen/{presence_id}/klaerung")
def assessment_start(
    request: Request,
    presence_id: int,
    _limit: LimitDep,
    who: EditorDep,
    session: DatabaseDep,
    history: HistoryDep,
) -> Response:
    """Starts the assessment of a planned presence and goes to its first step."""
    try:
        assessment = start_assessment(session, actor_of(who), scope_of(who), presence_id, history)
    except AssessmentError as error:
        return refused(request, session, error)
    session.commit()
    target = steps_path(assessment.id, assessment.current_step)
    return RedirectResponse(path_of(request, target), status_code=303)


# --- overview and steps -------------------------------------------------------------------------


@router.get("/intern/klaerungen/{assessment_id}")
def assessment_overview(
    request: Request,
    assessment_id: int,
    session: DatabaseDep,
    who: SignedInDep,
    history: HistoryDep,
    gespeichert: str | None = None,
) -> Response:
    """Progress per step, the current result, and where to go on."""
    try:
        page = assessment_page(request, session, history, who, assessment_id)
    except AssessmentError as error:
        return refused(request, session, error)
    resume = page.evaluated.result.next_step_id or page.row.current_step
    return render_app_page(
        request, "assessment.html", **page.context(), resume=resume, saved=gespeichert is not None
    )


def step_page(
    request: Request,
    page: AssessmentPage,
    step_id: str,
    *,
    values: dict[str, object] | None = None,
    errors: tuple[AnswerError, ...] = (),
    new: tuple[str, ...] = (),
    status_code: int = 200,
) -> Response:
    """One step: its visible questions as a form (or, for readers, the answers)."""
    questionnaire = page.evaluated.questionnaire
    steps = [step.id for step in questionnaire.steps]
    if step_id not in steps:
        raise HTTPException(404, UNKNOWN_STEP)
    step = questionnaire.steps[steps.index(step_id)]
    stored = page.row.answers
    shown = [question for question in step.questions if question.id in _visible(page)]
    fields = question_fields(
        shown, stored if values is None else values, page.evaluated.result.answers, errors, new
    )
    return render_app_page(
        request,
        "assessment_step.html",
        status_code=status_code,
        **page.context(),
        step=step,
        number=steps.index(step_id) + 1,
        fields=fields,
        errors=FormErrors.of(errors, shown),
        new=new,
    )


def _visible(page: AssessmentPage) -> set[str]:
    """The questions the stored answers make visible."""
    questionnaire = page.evaluated.questionnaire
    return {
        question.id for question in shown_questions(questionnaire, page.evaluated.result.answers)
    }


@router.get("/intern/klaerungen/{assessment_id}/schritte/{step_id}")
def assessment_step(
    request: Request,
    assessment_id: int,
    step_id: str,
    session: DatabaseDep,
    who: SignedInDep,
    history: HistoryDep,
    neu: str | None = None,
) -> Response:
    """The step's form; with `neu`, the questions the last answers made visible are marked."""
    try:
        page = assessment_page(request, session, history, who, assessment_id)
    except AssessmentError as error:
        return refused(request, session, error)
    new = tuple(neu.split(",")) if neu else ()
    return step_page(request, page, step_id, new=new)


@router.post("/intern/klaerungen/{assessment_id}/schritte/{step_id}")
def assessment_step_save(
    request: Request,
    assessment_id: int,
    step_id: str,
    _limit: LimitDep,
    who: EditorDep,
    form: FormDep,
    session: DatabaseDep,
    history: HistoryDep,
) -> Response:
    """Saves the step and goes on: to the same step if answers made questions visible there,
    to the overview for „später fortsetzen“, else to the next step or the result."""
    try:
        page = assessment_page(request, session, history, who, assessment_id)
    except AssessmentError as error:
        return refused(request, session, error)
    questionnaire = page.evaluated.questionnaire
    step = next((s for s in questionnaire.steps if s.id == step_id), None)
    if step is None:
        raise HTTPException(404, UNKNOWN_STEP)
    shown = [question for question in step.questions if question.id in _visible(page)]
    raw = raw_answers(form, shown)
    version = posted_version(form)
    if version is None:
        return step_page(
            request, page, step_id, values=raw, errors=(VERSION_MISSING,), status_code=422
        )
    try:
        saved = save_step(
            session, actor_of(who), scope_of(who), assessment_id, step_id, raw, version, history
        )
    except AssessmentError as error:
        session.rollback()
        if error.answer_errors:
            return step_page(
                request, page, step_id, values=raw, errors=error.answer_errors, status_code=422
            )
        return error_response(request, status_of(error), error.message)
    session.commit()
    if form.get("aktion") == LATER:
        target = steps_path(assessment_id) + "?gespeichert=1"
    elif saved.newly_shown:
        target = steps_path(assessment_id, step_id) + "?neu=" + ",".join(saved.newly_shown)
        target += f"#feld-{saved.newly_shown[0]}"
    elif saved.next_step_id is not None:
        target = steps_path(assessment_id, saved.next_step_id)
    else:
        target = steps_path(assessment_id) + "/ergebnis"
    return RedirectResponse(path_of(request, target), status_code=303)


# --- result and sign-off ------------------------------------------------------------------------


def result_page(
    request: Request,
    page: AssessmentPage,
    *,
    errors: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    """The result with its reasons and the sign-off form for those who may sign."""
    return render_app_page(
        request,
        "assessment_result.html",
        status_code=status_code,
        **page.context(),
        errors=errors or FormErrors(),
    )


@router.get("/intern/klaerungen/{assessment_id}/ergebnis")
def assessment_result(
    request: Request,
    assessment_id: int,
    session: DatabaseDep,
    who: SignedInDep,
    history: HistoryDep,
) -> Response:
    """The current result: outcome, reasons with the rules they cite, what is still open."""
    try:
        page = assessment_page(request, session, history, who, assessment_id)
    except AssessmentError as error:
        return refused(request, session, error)
    return result_page(request, page)


@router.post("/intern/klaerungen/{assessment_id}/freigabe")
def assessment_sign(
    request: Request,
    assessment_id: int,
    _limit: LimitDep,
    who: SignerDep,
    form: FormDep,
    session: DatabaseDep,
    history: HistoryDep,
    settings: SettingsDep,
) -> Response:
    """Signs the result (the confirmation box ticked) and shows the decision record."""
    try:
        page = assessment_page(request, session, history, who, assessment_id)
    except AssessmentError as error:
        return refused(request, session, error)
    version = posted_version(form)
    problems: list[tuple[str | None, str]] = []
    if form.get(CONFIRMATION) != "ja":
        problems.append(
            (CONFIRMATION, "Bitte bestätigen Sie, dass Sie das Ergebnis zeichnen wollen.")
        )
    if version is None:
        problems.append((None, VERSION_MISSING.message))
    if problems:
        return result_page(request, page, errors=FormErrors(problems), status_code=422)
    key = load_signing_key(settings.signing_key_path)
    try:
        decision = sign_assessment(
            session,
            actor_of(who),
            scope_of(who),
            assessment_id,
            history,
            key,
            expected_version=cast(int, version),
        )
    except AssessmentError as error:
        return refused(request, session, error)
    session.commit()
    return RedirectResponse(
        path_of(request, f"/intern/entscheidungen/{decision.id}"), status_code=303
    )
