"""theme languages: answers per language, and a name and quotes in each language with enough answers

Revision ID: d7f3a1c5e8b2
Revises: c41e7a2d9b53
Create Date: 2026-12-07 06:35:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd7f3a1c5e8b2'
down_revision = 'c41e7a2d9b53'
branch_labels = None
depends_on = None


COLUMNS = ('languages', 'labels', 'language_quotes')


def upgrade():
    # Themes found before this revision know nothing per language: each starts empty ({}).
    with op.batch_alter_table('theme', schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.JSON(), nullable=True))
    theme = sa.table('theme', *(sa.column(name, sa.JSON()) for name in COLUMNS))
    op.execute(theme.update().values({name: {} for name in COLUMNS}))
    with op.batch_alter_table('theme', schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.alter_column(name, existing_type=sa.JSON(), nullable=False)


def downgrade():
    with op.batch_alter_table('theme', schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
