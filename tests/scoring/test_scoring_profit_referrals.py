"""Profit (cost column vs default margin, cost to serve) and referral matching."""

from __future__ import annotations

from dataclasses import replace

from scoring_factory import D, customer, dataset, order

from toolkit.model import Customer
from toolkit.referrals import fold_name
from toolkit.settings import Settings
from toolkit.stats import customer_stats, stats_with_problems

TODAY = D(2024, 6, 30)


def test_profit_uses_the_cost_column_when_the_order_has_one() -> None:
    people = [customer("a@x.test")]
    orders = [order("a@x.test", D(2024, 6, 1), 100.0, cost=70.0),  # margin 30
              order("a@x.test", D(2024, 6, 2), 50.0)]  # no cost: 50 x 40% = 20
    s = customer_stats(dataset(people, orders), TODAY, Settings())["a@x.test"]
    assert s.gross_margin == 50.0
    assert s.profit == 50.0


def test_default_margin_comes_from_settings() -> None:
    people = [customer("a@x.test")]
    orders = [order("a@x.test", D(2024, 6, 1), 200.0)]
    s = customer_stats(dataset(people, orders), TODAY, Settings(default_margin=25))
    assert s["a@x.test"].profit == 50.0  # 200 x 25%


def test_cost_to_serve_is_support_time_refunds_and_discounts() -> None:
    people = [customer("a@x.test", support_hours=2.0)]
    orders = [order("a@x.test", D(2024, 6, 1), 100.0, cost=40.0, discount=5.0),
              order("a@x.test", D(2024, 6, 3), -15.0)]
    s = customer_stats(dataset(people, orders), TODAY, Settings(hourly_rate=20))["a@x.test"]
    # Margin 100 - 40 = 60. Cost to serve: 2 h x 20 = 40, refund 15, discount 5 = 60.
    assert (s.support_cost, s.refunds, s.discounts, s.cost_to_serve) == (40.0, 15.0, 5.0, 60.0)
    assert s.profit == 0.0


def _referral_people() -> list[Customer]:
    return [
        customer("jose@x.test", name="José Núñez", customer_id="C-7"),
        customer("ann@x.test", name="Ann Lee"),
        customer("f1@x.test", referred_by="JOSE  nunez"),  # accents, case, spaces
        customer("f2@x.test", referred_by="'c-7"),  # id with a leading apostrophe
        customer("f3@x.test", referred_by="Jose@X.test"),  # email in another case
        customer("f4@x.test", referred_by="ann lee"),  # Ann: referred but never bought
    ]


def test_referred_by_matches_email_id_and_name_insensitively() -> None:
    people = _referral_people()
    orders = [order(k, D(2024, 6, 1), 100.0) for k in ("f1@x.test", "f2@x.test", "f3@x.test")]
    stats, problems = stats_with_problems(dataset(people, orders), TODAY, Settings())
    jose = stats["jose@x.test"]
    assert jose.referrals == ("f1@x.test", "f2@x.test", "f3@x.test")
    assert jose.referrals_bought == 3
    assert jose.referral_profit == 120.0  # three friends x 100 x 40%
    assert stats["f2@x.test"].referred_by_key == "jose@x.test"
    assert stats["ann@x.test"].referrals == ("f4@x.test",)
    assert stats["ann@x.test"].referrals_bought == 0
    assert problems == ()


def test_an_ambiguous_name_is_reported_not_guessed() -> None:
    people = [customer("sam1@x.test", name="Sam Green"),
              customer("sam2@x.test", name="sam green"),
              customer("new@x.test", referred_by="Sam Green", tab="Customers", row=9)]
    stats, problems = stats_with_problems(dataset(people), TODAY, Settings())
    assert stats["sam1@x.test"].referrals == () and stats["sam2@x.test"].referrals == ()
    assert stats["new@x.test"].referred_by_key == ""
    (problem,) = problems
    assert (problem.tab, problem.row, problem.column, problem.value) == (
        "Customers", 9, "Referred by", "Sam Green")
    assert "more than one customer" in problem.problem
    assert "(Sam Green and sam green)" in problem.problem
    assert "no referral credit" in problem.action


def test_an_unmatched_or_self_referral_is_reported() -> None:
    people = [customer("a@x.test", referred_by="Nobody Known"),
              customer("b@x.test", name="Bea", referred_by="b@x.test")]
    _, problems = stats_with_problems(dataset(people), TODAY, Settings())
    assert [p.value for p in problems] == ["Nobody Known", "b@x.test"]
    assert "no customer has this name" in problems[0].problem
    assert "their own referrer" in problems[1].problem


def test_punctuation_in_names_does_not_stop_a_match() -> None:
    people = [customer("o@x.test", name="Siobhán O'Neil-Byrne"),
              customer("p@x.test", referred_by="siobhan oneil byrne")]
    stats, problems = stats_with_problems(dataset(people), TODAY, Settings())
    # "O'Neil-Byrne" folds to "o neil byrne", "oneil byrne" does not: reported, not guessed.
    assert stats["o@x.test"].referrals == () and len(problems) == 1
    people[1] = replace(people[1], referred_by="Siobhan O Neil Byrne")
    stats, problems = stats_with_problems(dataset(people), TODAY, Settings())
    assert stats["o@x.test"].referrals == ("p@x.test",) and problems == ()


def test_plain_names_fold_as_the_others_do() -> None:
    # Plain ASCII letters, digits and spaces take a shorter way; a leading "é " sends the
    # same text the general way.
    for text in (" Mary  JANE 2 ", "ABC", "Mary-Jane\tO'Brien_Smith.", "x\x1fy#1", "", " "):
        assert fold_name(text) == fold_name("é " + text)[2:]
    assert fold_name(" Mary  JANE 2 ") == "mary jane 2"
    assert fold_name("Mary-Jane\tO'Brien_Smith.") == "mary jane o brien smith"
    people = [customer("m@x.test", name="Mary-Jane O'Brien_Smith."),
              customer("r@x.test", referred_by="MARY  jane o brien smith")]
    stats, problems = stats_with_problems(dataset(people), TODAY, Settings())
    assert stats["m@x.test"].referrals == ("r@x.test",) and problems == ()
