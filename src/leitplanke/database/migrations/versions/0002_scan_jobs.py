"""Scan jobs: scans started in the web app, their progress and results.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 01:55:39.098692
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "scan_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("authority_id", sa.Integer(), nullable=True),
        sa.Column("presence_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "queued",
                "running",
                "done",
                "failed",
                "cancelled",
                name="scanstatus",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("pages_done", sa.Integer(), nullable=False),
        sa.Column("pages_limit", sa.Integer(), nullable=False),
        sa.Column("cancel_requested", sa.Boolean(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("summary", sa.JSON(), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["authority_id"],
            ["authorities.id"],
            name=op.f("fk_scan_jobs_authority_id_authorities"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["presence_id"],
            ["presences.id"],
            name=op.f("fk_scan_jobs_presence_id_presences"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_scan_jobs_requested_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scan_jobs")),
    )
    with op.batch_alter_table("scan_jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scan_jobs_authority_id"), ["authority_id"])
        batch_op.create_index(batch_op.f("ix_scan_jobs_presence_id"), ["presence_id"])
        batch_op.create_index(batch_op.f("ix_scan_jobs_status"), ["status"])


def downgrade() -> None:
    with op.batch_alter_table("scan_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scan_jobs_status"))
        batch_op.drop_index(batch_op.f("ix_scan_jobs_presence_id"))
        batch_op.drop_index(batch_op.f("ix_scan_jobs_authority_id"))
    op.drop_table("scan_jobs")
