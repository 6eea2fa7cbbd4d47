"""theme names and merge suggestions: a theme's alternative names, a run's suggested merges, and the
pairs staff kept apart

Revision ID: 8c4d2e7f1a90
Revises: 5b1f0c3a9e21
Create Date: 2026-12-07 10:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '8c4d2e7f1a90'
down_revision = '5b1f0c3a9e21'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('theme_kept_apart',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('lineage', sa.String(length=32), nullable=False),
    sa.Column('other', sa.String(length=32), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['staff_user.id'], name=op.f('fk_theme_kept_apart_created_by_id_staff_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_theme_kept_apart_question_id_question'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme_kept_apart')),
    sa.UniqueConstraint('question_id', 'lineage', 'other', name=op.f('uq_theme_kept_apart_question_id_lineage_other'))
    )
    # Existing rows start empty: earlier runs suggest nothing and name their themes as before.
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.add_column(sa.Column('alternatives', sa.JSON(), nullable=False, server_default='[]'))
    with op.batch_alter_table('theme_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('merge_suggestions', sa.JSON(), nullable=False, server_default='[]'))


def downgrade():
    with op.batch_alter_table('theme_run', schema=None) as batch_op:
        batch_op.drop_column('merge_suggestions')
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.drop_column('alternatives')
    op.drop_table('theme_kept_apart')
