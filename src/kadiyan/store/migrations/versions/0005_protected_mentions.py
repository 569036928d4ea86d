"""An index of the mentions that name victims (and their family), by entity.

Masking asks, for every entity a page shows, whether any record names it as a victim; the
index holds only those few mentions, so a phone named in ten thousand ads is answered at
once instead of by reading all of its mentions.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Kept equal to `kadiyan.store.schema.PROTECTED_MENTIONS` (as it was at this revision).
WHERE = "link IS NOT NULL AND role IN ('family', 'missing', 'relative', 'victim')"


def upgrade() -> None:
    op.create_index("ix_mentions_protected", "mentions", ["entity_id"],
                    sqlite_where=sa.text(WHERE), postgresql_where=sa.text(WHERE))


def downgrade() -> None:
    op.drop_index("ix_mentions_protected", "mentions")
