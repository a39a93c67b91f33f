"""cost sharing: statistics of organisations, cost plans, their participants and pools

Revision ID: 0004_costs
Revises: 0003_agreements
Create Date: 2026-11-22 05:23:38.712263
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_costs"
down_revision: str | None = "0003_agreements"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('statistic_values',
    sa.Column('organisation_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('reference_date', sa.Date(), nullable=False),
    sa.Column('value_units', sa.BigInteger(), nullable=False),
    sa.Column('decimals', sa.SmallInteger(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_statistic_values_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statistic_values')),
    sa.UniqueConstraint('organisation_id', 'name', 'reference_date', name='uq_statistic_values_value')
    )
    with op.batch_alter_table('statistic_values', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statistic_values_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_statistic_values_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statistic_values_reference_date'), ['reference_date'], unique=False)

    op.create_table('cost_plans',
    sa.Column('area_id', sa.Uuid(), nullable=False),
    sa.Column('agreement_version_id', sa.Uuid(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reference_date', sa.Date(), nullable=False),
    sa.Column('lead_organisation_id', sa.Uuid(), nullable=True),
    sa.Column('previous_plan_id', sa.Uuid(), nullable=True),
    sa.Column('instalment_dates', sa.JSON(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_version_id'], ['agreement_versions.id'], name=op.f('fk_cost_plans_agreement_version_id_agreement_versions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_cost_plans_area_id_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['lead_organisation_id'], ['organisations.id'], name=op.f('fk_cost_plans_lead_organisation_id_organisations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['previous_plan_id'], ['cost_plans.id'], name=op.f('fk_cost_plans_previous_plan_id_cost_plans'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cost_plans'))
    )
    with op.batch_alter_table('cost_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cost_plans_agreement_version_id'), ['agreement_version_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cost_plans_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cost_plans_lead_organisation_id'), ['lead_organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cost_plans_previous_plan_id'), ['previous_plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cost_plans_year'), ['year'], unique=False)

    op.create_table('cost_plan_participants',
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('organisation_id', sa.Uuid(), nullable=False),
    sa.Column('area_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_cost_plan_participants_area_id_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_cost_plan_participants_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['cost_plans.id'], name=op.f('fk_cost_plan_participants_plan_id_cost_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('plan_id', 'organisation_id', name=op.f('pk_cost_plan_participants'))
    )
    with op.batch_alter_table('cost_plan_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cost_plan_participants_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cost_plan_participants_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('cost_pools',
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('area_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.Column('key', sa.JSON(), nullable=False),
    sa.Column('participant_ids', sa.JSON(), nullable=True),
    sa.Column('excluded_ids', sa.JSON(), nullable=False),
    sa.Column('co_financing_ppm', sa.Integer(), nullable=True),
    sa.Column('cap_minor', sa.BigInteger(), nullable=True),
    sa.Column('caps', sa.JSON(), nullable=False),
    sa.Column('excess', sa.String(length=30), nullable=False),
    sa.Column('rounding', sa.String(length=10), nullable=False),
    sa.Column('actual_minor', sa.BigInteger(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_cost_pools_area_id_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['plan_id'], ['cost_plans.id'], name=op.f('fk_cost_pools_plan_id_cost_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cost_pools'))
    )
    with op.batch_alter_table('cost_pools', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cost_pools_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cost_pools_plan_id'), ['plan_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('cost_pools', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cost_pools_plan_id'))
        batch_op.drop_index(batch_op.f('ix_cost_pools_area_id'))

    op.drop_table('cost_pools')
    with op.batch_alter_table('cost_plan_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cost_plan_participants_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_cost_plan_participants_area_id'))

    op.drop_table('cost_plan_participants')
    with op.batch_alter_table('cost_plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cost_plans_year'))
        batch_op.drop_index(batch_op.f('ix_cost_plans_previous_plan_id'))
        batch_op.drop_index(batch_op.f('ix_cost_plans_lead_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_cost_plans_area_id'))
        batch_op.drop_index(batch_op.f('ix_cost_plans_agreement_version_id'))

    op.drop_table('cost_plans')
    with op.batch_alter_table('statistic_values', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statistic_values_reference_date'))
        batch_op.drop_index(batch_op.f('ix_statistic_values_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_statistic_values_name'))

    op.drop_table('statistic_values')
