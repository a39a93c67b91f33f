"""agreements and decisions

Revision ID: 0003_agreements
Revises: 0002_access_audit
Create Date: 2026-11-22 05:14:23.564831
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_agreements"
down_revision: str | None = "0002_access_audit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('agreements',
    sa.Column('area_id', sa.Uuid(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('statutes', sa.JSON(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_agreements_area_id_areas'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreements'))
    )
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreements_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreements_kind'), ['kind'], unique=False)

    op.create_table('agreement_links',
    sa.Column('agreement_id', sa.Uuid(), nullable=False),
    sa.Column('target_id', sa.Uuid(), nullable=False),
    sa.Column('area_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_links_agreement_id_agreements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_agreement_links_area_id_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['target_id'], ['agreements.id'], name=op.f('fk_agreement_links_target_id_agreements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_links')),
    sa.UniqueConstraint('agreement_id', 'target_id', 'kind', name=op.f('uq_agreement_links_agreement_id'))
    )
    with op.batch_alter_table('agreement_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_links_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_links_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_links_target_id'), ['target_id'], unique=False)

    op.create_table('agreement_notices',
    sa.Column('agreement_id', sa.Uuid(), nullable=False),
    sa.Column('area_id', sa.Uuid(), nullable=False),
    sa.Column('organisation_id', sa.Uuid(), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('notice_months', sa.Integer(), nullable=False),
    sa.Column('ends_agreement', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_notices_agreement_id_agreements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_agreement_notices_area_id_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_agreement_notices_organisation_id_organisations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_notices'))
    )
    with op.batch_alter_table('agreement_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_notices_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_notices_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_notices_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('agreement_versions',
    sa.Column('agreement_id', sa.Uuid(), nullable=False),
    sa.Column('area_id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=True),
    sa.Column('effective_date', sa.Date(), nullable=True),
    sa.Column('rule', sa.String(length=40), nullable=False),
    sa.Column('notice_months', sa.Integer(), nullable=True),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('amends_id', sa.Uuid(), nullable=True),
    sa.Column('preamble', sa.JSON(), nullable=False),
    sa.Column('sections', sa.JSON(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_versions_agreement_id_agreements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['amends_id'], ['agreement_versions.id'], name=op.f('fk_agreement_versions_amends_id_agreement_versions'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_agreement_versions_area_id_areas'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_versions')),
    sa.UniqueConstraint('agreement_id', 'number', name=op.f('uq_agreement_versions_agreement_id'))
    )
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_versions_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_versions_amends_id'), ['amends_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_versions_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_versions_status'), ['status'], unique=False)

    op.create_table('agreement_annexes',
    sa.Column('version_id', sa.Uuid(), nullable=False),
    sa.Column('agreement_id', sa.Uuid(), nullable=False),
    sa.Column('area_id', sa.Uuid(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('filename', sa.String(length=300), nullable=True),
    sa.Column('media_type', sa.String(length=200), nullable=True),
    sa.Column('size', sa.Integer(), nullable=True),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_annexes_agreement_id_agreements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_agreement_annexes_area_id_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['version_id'], ['agreement_versions.id'], name=op.f('fk_agreement_annexes_version_id_agreement_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_annexes'))
    )
    with op.batch_alter_table('agreement_annexes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_annexes_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_annexes_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_annexes_version_id'), ['version_id'], unique=False)

    op.create_table('agreement_parties',
    sa.Column('version_id', sa.Uuid(), nullable=False),
    sa.Column('agreement_id', sa.Uuid(), nullable=False),
    sa.Column('area_id', sa.Uuid(), nullable=False),
    sa.Column('organisation_id', sa.Uuid(), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_parties_agreement_id_agreements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_agreement_parties_area_id_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_agreement_parties_organisation_id_organisations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['version_id'], ['agreement_versions.id'], name=op.f('fk_agreement_parties_version_id_agreement_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_parties')),
    sa.UniqueConstraint('version_id', 'organisation_id', name=op.f('uq_agreement_parties_version_id'))
    )
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_parties_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_parties_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_parties_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_parties_version_id'), ['version_id'], unique=False)

    op.create_table('agreement_signatures',
    sa.Column('version_id', sa.Uuid(), nullable=False),
    sa.Column('agreement_id', sa.Uuid(), nullable=False),
    sa.Column('area_id', sa.Uuid(), nullable=False),
    sa.Column('organisation_id', sa.Uuid(), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_signatures_agreement_id_agreements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_agreement_signatures_area_id_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_agreement_signatures_organisation_id_organisations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['version_id'], ['agreement_versions.id'], name=op.f('fk_agreement_signatures_version_id_agreement_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_signatures')),
    sa.UniqueConstraint('version_id', 'organisation_id', name=op.f('uq_agreement_signatures_version_id'))
    )
    with op.batch_alter_table('agreement_signatures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_signatures_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_signatures_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_signatures_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_signatures_version_id'), ['version_id'], unique=False)

    op.create_table('decisions',
    sa.Column('area_id', sa.Uuid(), nullable=False),
    sa.Column('organisation_id', sa.Uuid(), nullable=False),
    sa.Column('agreement_id', sa.Uuid(), nullable=True),
    sa.Column('version_id', sa.Uuid(), nullable=True),
    sa.Column('body', sa.String(length=20), nullable=False),
    sa.Column('body_name', sa.String(length=200), nullable=True),
    sa.Column('meeting_date', sa.Date(), nullable=False),
    sa.Column('section', sa.Integer(), nullable=True),
    sa.Column('case_number', sa.String(length=60), nullable=True),
    sa.Column('title', sa.String(length=500), nullable=True),
    sa.Column('proposal', sa.Text(), nullable=True),
    sa.Column('outcome', sa.String(length=30), nullable=False),
    sa.Column('decision_text', sa.Text(), nullable=True),
    sa.Column('commitment_cap', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('commitment_note', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_decisions_agreement_id_agreements'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_decisions_area_id_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_decisions_organisation_id_organisations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['version_id'], ['agreement_versions.id'], name=op.f('fk_decisions_version_id_agreement_versions'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions'))
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decisions_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_case_number'), ['case_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_meeting_date'), ['meeting_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_version_id'), ['version_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decisions_version_id'))
        batch_op.drop_index(batch_op.f('ix_decisions_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_decisions_meeting_date'))
        batch_op.drop_index(batch_op.f('ix_decisions_case_number'))
        batch_op.drop_index(batch_op.f('ix_decisions_area_id'))
        batch_op.drop_index(batch_op.f('ix_decisions_agreement_id'))

    op.drop_table('decisions')
    with op.batch_alter_table('agreement_signatures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_signatures_version_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_signatures_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_signatures_area_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_signatures_agreement_id'))

    op.drop_table('agreement_signatures')
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_parties_version_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_parties_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_parties_area_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_parties_agreement_id'))

    op.drop_table('agreement_parties')
    with op.batch_alter_table('agreement_annexes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_annexes_version_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_annexes_area_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_annexes_agreement_id'))

    op.drop_table('agreement_annexes')
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_versions_status'))
        batch_op.drop_index(batch_op.f('ix_agreement_versions_area_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_versions_amends_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_versions_agreement_id'))

    op.drop_table('agreement_versions')
    with op.batch_alter_table('agreement_notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_notices_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_notices_area_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_notices_agreement_id'))

    op.drop_table('agreement_notices')
    with op.batch_alter_table('agreement_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_links_target_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_links_area_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_links_agreement_id'))

    op.drop_table('agreement_links')
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreements_kind'))
        batch_op.drop_index(batch_op.f('ix_agreements_area_id'))

    op.drop_table('agreements')
