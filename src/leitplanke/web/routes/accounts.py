"""Account administration: list accounts, create one with a role (administrators only)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy import select

from leitplanke.accounts.roles import ROLE_LABEL, Permission, Role
from leitplanke.accounts.sessions import SignedIn
from leitplanke.accounts.tables import User
from leitplanke.accounts.users import AccountError, create_user
from leitplanke.registry.tables import Authority
from leitplanke.web.authentication import DatabaseDep, actor_of, requires
from leitplanke.web.rendering import render_app_page

router = APIRouter(include_in_schema=False)

AdministratorDep = Annotated[SignedIn, Depends(requires(Permission.MANAGE_USERS))]


def accounts_page(
    request: Request,
    session: DatabaseDep,
    *,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    created: str | None = None,
    status_code: int = 200,
) -> Response:
    users = session.scalars(select(User).order_by(User.username)).all()
    authorities = session.scalars(select(Authority).order_by(Authority.name)).all()
    return render_app_page(
        request,
        "accounts.html",
        status_code=status_code,
        users=users,
        authority_names={authority.id: authority.name for authority in authorities},
        authority_options=[(authority.id, authority.name) for authority in authorities],
        role_options=[(role.value, ROLE_LABEL[role]) for role in Role],
        form=form or {},
        errors=errors or {},
        created=created,
    )


@router.get("/intern/konten")
def list_accounts(
    request: Request, session: DatabaseDep, who: AdministratorDep, angelegt: str | None = None
) -> Response:
    """Every account with its role and authority, and the form for a new one."""
    return accounts_page(request, session, created=angelegt)


@router.post("/intern/konten")
def add_account(
    request: Request,
    session: DatabaseDep,
    who: AdministratorDep,
    username: Annotated[str, Form(max_length=80)] = "",
    display_name: Annotated[str, Form(max_length=200)] = "",
    email: Annotated[str, Form(max_length=254)] = "",
    role: Annotated[str, Form(max_length=40)] = "",
    authority_id: Annotated[str, Form(max_length=20)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Creates the account; the form again with the field's error if it cannot."""
    form = {
        "username": username,
        "display_name": display_name,
        "email": email,
        "role": role,
        "authority_id": authority_id,
    }
    try:
        chosen_role = Role(role)
    except ValueError:
        return accounts_page(
            request,
            session,
            form=form,
            errors={"role": "Bitte wählen Sie eine Rolle."},
            status_code=422,
        )
    try:
        create_user(
            session,
            actor_of(who),
            username=username,
            display_name=display_name,
            role=chosen_role,
            password=password,
            email=email or None,
            authority_id=int(authority_id) if authority_id.isdigit() else None,
        )
    except AccountError as error:
        session.rollback()
        return accounts_page(
            request, session, form=form, errors={error.field: error.message}, status_code=422
        )
    session.commit()
    return RedirectResponse(f"/intern/konten?angelegt={username.strip()}", status_code=303)
