"""Batch imports for admins: upload a file, watch its progress live, read each item's outcome."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from app.services import InvalidInput
from app.services.batches import ITEM_STATES, create_upload_batch, get_batch, list_batches
from app.web.auth import ADMIN, Admin, client_ip
from app.web.deps import JobsDep, SessionDep, TemplatesDep
from app.web.routes.common import Id, page

router = APIRouter(prefix="/batches", dependencies=[ADMIN], include_in_schema=False)


@router.get("", response_class=HTMLResponse)
def batches_page(
    request: Request, session: SessionDep, env: TemplatesDep, page_no: int = 1
) -> HTMLResponse:
    return page(env, request, "pages/batches.html", batches=list_batches(session, page=page_no),
                error=None)  # fmt: skip


@router.post("", response_model=None)
async def upload_batch(
    request: Request, session: SessionDep, env: TemplatesDep, jobs: JobsDep, me: Admin
) -> Response:
    async with request.form() as form:  # closes the uploaded file's temporary storage
        upload = form.get("file")
        try:
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise InvalidInput("file", "choose a file to upload")
            batch_id = create_upload_batch(session, upload.filename, await upload.read(),
                                           actor=me, ip=client_ip(request))  # fmt: skip
        except InvalidInput as exc:
            session.rollback()
            return page(env, request, "pages/batches.html", 422,
                        batches=list_batches(session), error=exc)  # fmt: skip
    jobs.run_batch(batch_id)
    return RedirectResponse(f"/batches/{batch_id}", status_code=303)


@router.get("/{batch_id}", response_class=HTMLResponse)
def batch_page(
    request: Request, batch_id: Id, session: SessionDep, env: TemplatesDep,
    state: str = "", page_no: int = 1,
) -> HTMLResponse:  # fmt: skip
    """The batch page; its progress fragment polls this route until the batch is finished."""
    detail = get_batch(session, batch_id, state=state, page=page_no)
    return page(env, request, "pages/batch.html", fragment="partials/batch-progress.html",
                detail=detail, states=ITEM_STATES)  # fmt: skip
