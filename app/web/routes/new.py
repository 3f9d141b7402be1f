"""New comparison: paste two texts or upload two files; lands on the comparison."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.services import InvalidInput, create_story
from app.web.auth import EDIT, Editor, client_ip
from app.web.deps import SessionDep, SettingsDep, TemplatesDep
from app.web.routes.common import page
from app.web.routes.forms import version_from_form

router = APIRouter(include_in_schema=False)


@router.get("/new", response_class=HTMLResponse, dependencies=[EDIT])
def new_form(request: Request, env: TemplatesDep) -> HTMLResponse:
    return page(env, request, "pages/new.html", form={}, error=None)


@router.post("/new", response_model=None)
async def new_submit(
    request: Request, session: SessionDep, settings: SettingsDep, env: TemplatesDep, me: Editor
) -> Response:
    async with request.form() as form:  # closes the uploaded files' temporary storage
        try:
            versions = [await version_from_form(form, "_a"), await version_from_form(form, "_b")]
            title = str(form.get("title") or "")
            ref = create_story(session, title, versions, max_chars=settings.max_text_chars,
                               actor=me, ip=client_ip(request))  # fmt: skip
        except InvalidInput as exc:
            session.rollback()
            values = {k: v for k, v in form.items() if isinstance(v, str)}
            return page(env, request, "pages/new.html", 422, form=values, error=exc)
    a, b = ref.version_ids
    return RedirectResponse(f"/stories/{ref.id}/compare?a={a}&b={b}&mode=side", 303)
