"""The attendee's way through the screens, without Qt: every screen leads on, or back to start."""

import pytest

from kiosk.ui.flow import NEXT, Flow, FlowError, Step


def test_a_visitor_goes_from_the_attract_screen_to_the_thank_you():
    flow = Flow()
    for step in (Step.LANGUAGE, Step.STORY, Step.FORM, Step.PREVIEW, Step.THANKS):
        flow.go(step)
    assert flow.step is Step.THANKS


@pytest.mark.parametrize("step", list(Step))
def test_every_screen_can_fall_back_to_the_attract_screen(step):
    flow = Flow()
    flow.step = step
    flow.reset()
    assert flow.step is Step.ATTRACT


def test_no_screen_can_be_skipped():
    flow = Flow()
    with pytest.raises(FlowError):
        flow.go(Step.THANKS)  # no signature without a form and a preview
    flow.go(Step.LANGUAGE)
    flow.go(Step.STORY)
    with pytest.raises(FlowError):
        flow.go(Step.PREVIEW)
    assert flow.step is Step.STORY


def test_every_step_is_reachable_and_leads_somewhere():
    reachable = {Step.ATTRACT}
    for targets in NEXT.values():
        reachable |= targets
    assert reachable == set(Step)
    assert all(NEXT[step] for step in Step)
