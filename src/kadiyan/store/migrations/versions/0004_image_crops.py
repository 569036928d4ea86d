"""Crops of photos: the PDQ hashes of each image entity's crops, taken at extraction, so
that the photo job matches cropped reposts without the image files.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "image_crops",
        sa.Column("entity_id", sa.Text, primary_key=True),
        sa.Column("crops", sa.Text, nullable=False),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("image_crops")
