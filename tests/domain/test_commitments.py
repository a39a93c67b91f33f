"""A share checked against the money commitment of the party's decision (seed 004: at most 1 950 €)."""

from datetime import date
from decimal import Decimal

from domain.costs.commitments import Commitment, check_commitments


def test_the_esr_shares_stay_within_the_1950_euro_commitments() -> None:
    checks = check_commitments(
        {"Haapajärvi": Decimal("1949.85"), "Sievi": Decimal("1949.84"), "Nivala": Decimal("1950.01")},
        [Commitment("Haapajärvi", Decimal("1950.00"), date(2020, 8, 11), 149),
         Commitment("Sievi", Decimal("1950.00"), date(2020, 8, 24)),
         Commitment("Nivala", Decimal("1950.00"), date(2020, 8, 17))],
    )
    assert checks["Haapajärvi"].within and checks["Haapajärvi"].headroom == Decimal("0.15")
    assert checks["Sievi"].within
    assert not checks["Nivala"].within and checks["Nivala"].headroom == Decimal("-0.01")


def test_a_later_decision_s_cap_replaces_the_earlier_and_no_share_counts_as_zero() -> None:
    checks = check_commitments({}, [
        Commitment("Oulainen", Decimal("2500.00"), date(2020, 9, 1), 12),
        Commitment("Oulainen", Decimal("1000.00"), date(2020, 9, 1), 3),
        Commitment("Oulainen", Decimal("1950.00"), date(2020, 8, 1), 99),
    ])
    assert checks["Oulainen"].commitment.cap == Decimal("2500.00")
    assert checks["Oulainen"].share == Decimal("0.00") and checks["Oulainen"].within
