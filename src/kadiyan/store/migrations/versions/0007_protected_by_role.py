"""The index of mentions that name victims keeps the role beside the entity.

With `ix_mentions_walk` (0006) beside it, SQLite saw two indexes on `entity_id` that
could answer masking's question and, without statistics, took the walk index: every
mention of the entity was then read from the table for its role, so a phone named in
ten thousand ads cost ten thousand reads again. Keyed by entity and role, the protected
index matches more of the question's terms than any other, and is chosen for it.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Kept equal to `kadiyan.store.schema.PROTECTED_MENTIONS` (as it was at this revision).
WHERE = "link IS NOT NULL AND role IN ('family', 'missing', 'relative', 'victim')"


def _index(columns: list[str]) -> None:
    # A load killed before it built its indexes again leaves this one out (`Store.loading`).
    op.drop_index("ix_mentions_protected", "mentions", if_exists=True)
    op.create_index("ix_mentions_protected", "mentions", columns,
                    sqlite_where=sa.text(WHERE), postgresql_where=sa.text(WHERE))


def upgrade() -> None:
    _index(["entity_id", "role"])


def downgrade() -> None:
    _index(["entity_id"])
