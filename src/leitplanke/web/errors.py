"""Error responses in German: an HTML page for browsers, JSON `{"detail": …}` for everyone else."""

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException

from leitplanke.publish.html_site import SiteLinks, render_error_page
from leitplanke.rulebook.messages import field_name
from leitplanke.rulebook.messages import german_message as german_message_of_detail
from leitplanke.web.authentication import (
    SAFE_METHODS,
    CsrfRejected,
    Forbidden,
    LoginRequired,
)
from leitplanke.web.dependencies import published_site, relative_root
from leitplanke.web.negotiation import negotiate

TITLES: dict[int, str] = {
    400: "Ungültige Anfrage",
    401: "Anmeldung erforderlich",
    403: "Keine Berechtigung",
    409: "Konflikt",
    411: "Länge fehlt",
    413: "Anfrage zu groß",
    429: "Zu viele Versuche",
    404: "Seite nicht gefunden",
    405: "Methode nicht erlaubt",
    406: "Format nicht verfügbar",
    422: "Ungültige Angabe",
    500: "Interner Fehler",
}

DEFAULT_MESSAGES: dict[int, str] = {
    404: "Unter dieser Adresse gibt es keine Seite. Vielleicht hat sich die Adresse geändert.",
    405: "Diese Adresse kann nur gelesen werden.",
}


def wants_html(request: Request) -> bool:
    """Whether the client (a browser) prefers HTML to JSON."""
    accept = request.headers.get("accept")
    return negotiate(accept, ["application/json", "text/html"]) == "text/html"


def error_response(
    request: Request,
    status: int,
    message: str,
    *,
    headers: Mapping[str, str] | None = None,
    detail: Any = None,
) -> Response:
    """A German error page or JSON error with the given status; which one depends on Accept."""
    headers = {**(headers or {}), "Vary": "Accept"}
    if wants_html(request):
        site = published_site(request)
        page = render_error_page(
            site.publication,
            title=TITLES.get(status, HTTPStatus(status).phrase),
            message=message,
            links=SiteLinks(root=relative_root(request)),
        )
        return HTMLResponse(page, status_code=status, headers=headers)
    return JSONResponse({"detail": message if detail is None else detail}, status, headers=headers)


# English messages that FastAPI itself raises, in German.
FRAMEWORK_MESSAGES: dict[str, str] = {
    "There was an error parsing the body": "Der Inhalt der Anfrage konnte nicht gelesen werden.",
}


def german_message(exc: HTTPException) -> str:
    """The exception's message, with Starlette's and FastAPI's English replaced by German."""
    if isinstance(exc.detail, str) and exc.detail in FRAMEWORK_MESSAGES:
        return FRAMEWORK_MESSAGES[exc.detail]
    if exc.detail == HTTPStatus(exc.status_code).phrase:
        return DEFAULT_MESSAGES.get(exc.status_code, TITLES.get(exc.status_code, exc.detail))
    return str(exc.detail)


ECHO_LIMIT = 40  # a parameter value is repeated in the message only up to this length
PLACE_LABEL = {"query": "Abfrageparameter", "path": "Pfadparameter", "body": "Feld"}


def validation_messages(exc: RequestValidationError) -> list[dict[str, Any]]:
    """FastAPI's validation errors in German, each naming the field; input is never echoed."""
    errors = []
    for error in exc.errors():
        place, *path = error["loc"] or ("body",)
        label = PLACE_LABEL.get(str(place), "Feld")
        message = f"{label} „{field_name(path) or place}“: {german_message_of_detail(error)}"
        given = error.get("input")
        if place in {"query", "path"} and isinstance(given, str) and len(given) <= ECHO_LIMIT:
            message += f"; angegeben: {given!r}"
        errors.append({"loc": error["loc"], "msg": message, "type": error["type"]})
    return errors


async def http_exception_handler(request: Request, exc: Exception) -> Response:
    """HTTP errors raised by routes or the router."""
    if not isinstance(exc, HTTPException):
        raise exc
    return error_response(request, exc.status_code, german_message(exc), headers=exc.headers)


async def validation_exception_handler(request: Request, exc: Exception) -> Response:
    """422 for query or path values that do not fit, naming each parameter."""
    if not isinstance(exc, RequestValidationError):
        raise exc
    errors = validation_messages(exc)
    message = "; ".join(error["msg"] for error in errors) + "."
    return error_response(request, 422, message, detail=errors)


async def server_error_handler(request: Request, exc: Exception) -> Response:
    """500 for anything unexpected; the server still logs the exception."""
    return error_response(request, 500, "Beim Beantworten der Anfrage ist ein Fehler aufgetreten.")


async def login_required_handler(request: Request, exc: Exception) -> Response:
    """A browser goes to the login page and comes back afterwards; other clients get 401."""
    if wants_html(request) and request.method in SAFE_METHODS:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        login = request.scope.get("root_path", "") + "/anmelden?" + urlencode({"weiter": target})
        return RedirectResponse(login, status_code=303)
    return error_response(request, 401, "Bitte melden Sie sich an.")


async def forbidden_handler(request: Request, exc: Exception) -> Response:
    """403 when the signed-in user's role does not allow what the route does."""
    message = exc.message if isinstance(exc, Forbidden) else "Keine Berechtigung."
    return error_response(request, 403, message)


async def csrf_rejected_handler(request: Request, exc: Exception) -> Response:
    """403 when a form or request of a signed-in user lacks the session's security token."""
    return error_response(request, 403, CSRF_MESSAGE)


CSRF_MESSAGE = (
    "Das Sicherheitstoken des Formulars fehlt oder ist abgelaufen. Bitte laden Sie die Seite "
    "neu und versuchen Sie es noch einmal."
)


def install_error_handlers(app: FastAPI) -> None:
    """Route every HTTP, validation and unexpected error through the German handlers."""
    app.add_exception_handler(LoginRequired, login_required_handler)
    app.add_exception_handler(Forbidden, forbidden_handler)
    app.add_exception_handler(CsrfRejected, csrf_rejected_handler)
    app.add_exception_handler(HTTPException, http_exception_handler)
    app.add_exception_handler(RequestValidationError, validation_exception_handler)
    app.add_exception_handler(Exception, server_error_handler)
