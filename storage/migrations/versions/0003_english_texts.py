"""English texts for FAQ questions and the catalog fields requesters read

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SERVICE_COLUMNS = (
    "description_en",
    "audience_en",
    "benefits_en",
    "operating_hours_en",
    "request_procedure_en",
)


def upgrade() -> None:
    op.add_column("faq_entries", sa.Column("question_en", sa.Text(), nullable=True))
    for name in SERVICE_COLUMNS:
        op.add_column("services", sa.Column(name, sa.Text(), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMNs (SQLite 3.35+): a batch copy of a table would trip the foreign keys.
    for name in SERVICE_COLUMNS:
        op.drop_column("services", name)
    op.drop_column("faq_entries", "question_en")
