"""published theme runs: staff choose which run of a question the public page lists

Revision ID: e5a9c3f7b1d4
Revises: d7f3a1c5e8b2
Create Date: 2026-12-07 13:45:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e5a9c3f7b1d4'
down_revision = 'd7f3a1c5e8b2'
branch_labels = None
depends_on = None


def upgrade():
    # No run is published by this revision: until now the public page listed whatever run finished last,
    # names nobody had read; staff now choose (the page lists no themes until they do).
    with op.batch_alter_table('theme_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('published_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_theme_run_published_by_id_staff_user'), 'staff_user',
                                    ['published_by_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('theme_run', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_theme_run_published_by_id_staff_user'), type_='foreignkey')
        batch_op.drop_column('published_by_id')
        batch_op.drop_column('published_at')
