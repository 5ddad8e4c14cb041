"""The instance as arrays: the integral bound's slack grows with the model."""

from booking.scheduler.model import integral_bound


def test_integral_bound_slack_grows_with_the_model():
    # A large LP whose optimum is 100 may report 99.9999 within HiGHS's tolerances: a fixed
    # 1e-6 slack would floor that to 99, below the true optimum.
    assert integral_bound(99.9999, 1_000_000, 10) == 100
    assert integral_bound(99.99999999, 100, 10) == 100


def test_integral_bound_floors_a_small_models_bound():
    assert integral_bound(99.9999, 100, 10) == 99
    assert integral_bound(41.7, 50_000, 15) == 41


def test_integral_bound_keeps_the_bound_when_the_slack_reaches_half_a_unit():
    assert integral_bound(1e15 + 10.25, 4, 1e15) == 1e15 + 10.25
