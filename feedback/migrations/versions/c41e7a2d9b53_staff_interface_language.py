"""staff interface language: each person's own choice of the language of staff pages

Revision ID: c41e7a2d9b53
Revises: 3a955bf3729b
Create Date: 2026-12-07 05:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c41e7a2d9b53'
down_revision = '3a955bf3729b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('interface_language', sa.String(length=16), nullable=True))


def downgrade():
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.drop_column('interface_language')
