"""organisations and areas

Revision ID: 0001_organisations_areas
Revises: 
Create Date: 2026-11-22 04:48:49.726887
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_organisations_areas"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('organisations',
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('name_fi', sa.String(length=200), nullable=False),
    sa.Column('name_sv', sa.String(length=200), nullable=True),
    sa.Column('municipality_code', sa.String(length=3), nullable=True),
    sa.Column('business_id', sa.String(length=9), nullable=True),
    sa.Column('street_address', sa.String(length=200), nullable=True),
    sa.Column('postal_code', sa.String(length=5), nullable=True),
    sa.Column('post_office', sa.String(length=100), nullable=True),
    sa.Column('region', sa.String(length=100), nullable=True),
    sa.Column('wellbeing_county', sa.String(length=200), nullable=True),
    sa.Column('population', sa.Integer(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisations')),
    sa.UniqueConstraint('business_id', name=op.f('uq_organisations_business_id')),
    sa.UniqueConstraint('municipality_code', name=op.f('uq_organisations_municipality_code'))
    )
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisations_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisations_name_fi'), ['name_fi'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisations_region'), ['region'], unique=False)

    op.create_table('areas',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('lead_organisation_id', sa.Uuid(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['lead_organisation_id'], ['organisations.id'], name=op.f('fk_areas_lead_organisation_id_organisations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_areas'))
    )
    with op.batch_alter_table('areas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_areas_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_areas_lead_organisation_id'), ['lead_organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_areas_name'), ['name'], unique=False)

    op.create_table('area_members',
    sa.Column('area_id', sa.Uuid(), nullable=False),
    sa.Column('organisation_id', sa.Uuid(), nullable=False),
    sa.Column('from_date', sa.Date(), nullable=False),
    sa.Column('to_date', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_area_members_area_id_areas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_area_members_organisation_id_organisations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_area_members'))
    )
    with op.batch_alter_table('area_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_area_members_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_area_members_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('sub_regions',
    sa.Column('area_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('coordinator_name', sa.String(length=200), nullable=True),
    sa.Column('coordinator_email', sa.String(length=254), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_sub_regions_area_id_areas'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sub_regions'))
    )
    with op.batch_alter_table('sub_regions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sub_regions_area_id'), ['area_id'], unique=False)

    op.create_table('sub_region_municipalities',
    sa.Column('sub_region_id', sa.Uuid(), nullable=False),
    sa.Column('organisation_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_sub_region_municipalities_organisation_id_organisations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['sub_region_id'], ['sub_regions.id'], name=op.f('fk_sub_region_municipalities_sub_region_id_sub_regions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('sub_region_id', 'organisation_id', name=op.f('pk_sub_region_municipalities'))
    )
    with op.batch_alter_table('sub_region_municipalities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sub_region_municipalities_organisation_id'), ['organisation_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('sub_region_municipalities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sub_region_municipalities_organisation_id'))

    op.drop_table('sub_region_municipalities')
    with op.batch_alter_table('sub_regions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sub_regions_area_id'))

    op.drop_table('sub_regions')
    with op.batch_alter_table('area_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_area_members_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_area_members_area_id'))

    op.drop_table('area_members')
    with op.batch_alter_table('areas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_areas_name'))
        batch_op.drop_index(batch_op.f('ix_areas_lead_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_areas_kind'))

    op.drop_table('areas')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisations_region'))
        batch_op.drop_index(batch_op.f('ix_organisations_name_fi'))
        batch_op.drop_index(batch_op.f('ix_organisations_kind'))

    op.drop_table('organisations')
