"""runtime.budget: a deadline the component's loops check; E210 past it, nothing outside it."""

from __future__ import annotations

import time

import pytest

from annotator.errors import BudgetError
from annotator.runtime import budget
from annotator.session import AnnotationSession


def test_budget_check_outside_a_budget_is_a_no_op():
    budget.check()
    assert list(budget.checked(range(1000))) == list(range(1000))


def test_budget_check_raises_e210_once_spent():
    with budget.work_budget(0.01):
        budget.check()
        time.sleep(0.02)
        with pytest.raises(BudgetError) as info:
            budget.check()
    assert info.value.code == "E210"
    assert "0.01 s" in info.value.message
    budget.check()  # the budget ended with its block


def test_budget_checked_checks_every_so_often():
    with budget.work_budget(0.01):
        time.sleep(0.02)
        items = budget.checked(range(budget.CHECK_EVERY * 3))
        with pytest.raises(BudgetError):
            list(items)


def test_budget_none_means_unlimited():
    with budget.work_budget(None):
        time.sleep(0.001)
        budget.check()


def test_budget_nested_blocks_restore_the_outer_one():
    with budget.work_budget(100):
        with budget.work_budget(0.001):
            time.sleep(0.005)
            with pytest.raises(BudgetError):
                budget.check()
        budget.check()


@pytest.mark.parametrize("text", ["-SLA" * 20000, "SLA " * 20000, "ABCD " * 20000])
def test_budget_stops_the_session_and_the_component(nlp, text):
    session = AnnotationSession(nlp)
    with budget.work_budget(1e-9), pytest.raises(BudgetError):
        session.annotate(text)
    doc = nlp.make_doc(text)  # tokenized outside the budget: the component itself must stop
    with budget.work_budget(1e-9), pytest.raises(BudgetError):
        nlp(doc)
    # the same session still works afterwards, inside and outside a generous budget
    with budget.work_budget(60):
        assert session.annotate("Our SLA was breached.")["spans"]
    unlimited = session.annotate(text)  # no budget: the whole document, as before
    assert unlimited == AnnotationSession(nlp).annotate(text)
