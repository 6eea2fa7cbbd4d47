"""theme lineage: a theme's lasting identity across runs and waves

Revision ID: 5b1f0c3a9e21
Revises: 77d53de5cb3b
Create Date: 2026-12-06 19:05:00

"""
import sqlalchemy as sa
from alembic import op

revision = '5b1f0c3a9e21'
down_revision = '77d53de5cb3b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('theme_lineage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_theme_lineage_question_id_question'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme_lineage')),
    sa.UniqueConstraint('question_id', 'key', name=op.f('uq_theme_lineage_question_id_key'))
    )
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lineage_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_theme_lineage_id'), ['lineage_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_theme_lineage_id_theme_lineage'), 'theme_lineage', ['lineage_id'], ['id'], ondelete='SET NULL')

    # Existing themes: one lineage per (question, lineage key), named after its newest shown theme.
    op.execute("""
        INSERT INTO theme_lineage (question_id, key, label, created_at)
        SELECT r.question_id, t.lineage, MAX(t.label), MIN(r.created_at)
        FROM theme t JOIN theme_run r ON r.id = t.run_id
        GROUP BY r.question_id, t.lineage
    """)
    op.execute("""
        UPDATE theme SET lineage_id = (
            SELECT l.id FROM theme_lineage l JOIN theme_run r ON r.question_id = l.question_id
            WHERE r.id = theme.run_id AND l.key = theme.lineage)
    """)


def downgrade():
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_theme_lineage_id_theme_lineage'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_theme_lineage_id'))
        batch_op.drop_column('lineage_id')
    op.drop_table('theme_lineage')
