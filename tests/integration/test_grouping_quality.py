"""Story grouping judged on a generated corpus (benchmarks.articles): 48 stories in 2-6
versions (trimmed, padded, revised, spun, scraped), unrelated articles on the same topics and
places, and same-day briefs sharing boilerplate.  Imported as one batch through the real
services; scored on pairs of articles (same story or not)."""

from __future__ import annotations

from itertools import combinations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services.batches import create_upload_batch
from app.store.models import BatchItem
from benchmarks.articles import grouping_corpus
from tests.integration.batch_helpers import jsonl, run_batch_here

PRECISION_FLOOR = 0.98
RECALL_FLOOR = 0.95


def test_grouping_precision_and_recall(session: Session) -> None:
    corpus = grouping_corpus()
    assert len(corpus) >= 200
    records = [{"text": a.text, "title": a.title, "source": a.source} for a in corpus]
    batch_id = create_upload_batch(session, "corpus.jsonl", jsonl(records))
    run_batch_here(session.get_bind(), batch_id, chunk=100)  # type: ignore[arg-type]
    placed = dict(
        session.execute(
            select(BatchItem.seq, BatchItem.story_id).where(BatchItem.batch_id == batch_id)
        ).all()
    )
    assert None not in placed.values()
    tp = fp = fn = 0
    for i, j in combinations(range(len(corpus)), 2):
        same_story, same_group = corpus[i].story == corpus[j].story, placed[i] == placed[j]
        tp += same_story and same_group
        fp += same_group and not same_story
        fn += same_story and not same_group
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= PRECISION_FLOOR, (precision, recall)
    assert recall >= RECALL_FLOOR, (precision, recall)
