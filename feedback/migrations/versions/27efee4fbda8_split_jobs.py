"""split jobs: splitting a theme runs as a background job whose page shows its progress

Revision ID: 27efee4fbda8
Revises: 8c4d2e7f1a90
Create Date: 2026-12-07 12:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '27efee4fbda8'
down_revision = '8c4d2e7f1a90'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('split_job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('queued', 'running', 'finished', 'failed', name='run_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('progress', sa.Float(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('largest_part_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['largest_part_id'], ['theme.id'], name=op.f('fk_split_job_largest_part_id_theme'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['staff_user.id'], name=op.f('fk_split_job_requested_by_id_staff_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['run_id'], ['theme_run.id'], name=op.f('fk_split_job_run_id_theme_run'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id'], name=op.f('fk_split_job_theme_id_theme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_split_job')),
    sa.UniqueConstraint('public_id', name=op.f('uq_split_job_public_id'))
    )
    with op.batch_alter_table('split_job', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_split_job_run_id_status'), ['run_id', 'status'], unique=False)


def downgrade():
    with op.batch_alter_table('split_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_split_job_run_id_status'))

    op.drop_table('split_job')
