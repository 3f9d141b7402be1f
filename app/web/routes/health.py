"""Liveness and readiness: 200 when the database answers."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from app.services import database_ready
from app.web.deps import SessionDep

router = APIRouter()


@router.get("/healthz", include_in_schema=False)
def healthz(session: SessionDep) -> JSONResponse:
    try:
        ok = database_ready(session)
    except SQLAlchemyError:
        ok = False
    return JSONResponse({"status": "ok" if ok else "database unavailable"}, 200 if ok else 503)
