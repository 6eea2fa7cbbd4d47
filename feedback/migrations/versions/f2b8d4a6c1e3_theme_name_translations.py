"""theme name translations: the names staff give a theme for readers of the survey's other languages

Revision ID: f2b8d4a6c1e3
Revises: e5a9c3f7b1d4
Create Date: 2026-12-07 16:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f2b8d4a6c1e3'
down_revision = 'e5a9c3f7b1d4'
branch_labels = None
depends_on = None


def upgrade():
    # No theme has a name in another language yet: each lineage starts with none ({}). One step, default
    # included: making the column not-null afterwards would rebuild the table on SQLite.
    with op.batch_alter_table('theme_lineage', schema=None) as batch_op:
        batch_op.add_column(sa.Column('translations', sa.JSON(), nullable=False, server_default='{}'))


def downgrade():
    with op.batch_alter_table('theme_lineage', schema=None) as batch_op:
        batch_op.drop_column('translations')
