"""`briefs check --layout`: lay out and fit every output, as a build would, writing no PDF."""

from __future__ import annotations

from briefs.pipeline.html import render_html
from briefs.pipeline.plan import Plan
from briefs.pipeline.run import render_job, report_render
from briefs.pipeline.session import BuildSession
from briefs.render.workers import Renderer


def lay_out_all(session: BuildSession, plan: Plan, renderer: Renderer) -> list[str]:
    """Lay out (and copyfit) every planned output; problems go to the session's diagnostics
    at the content that causes them. What each output needed to fit, as lines to show."""
    targets = {target.id: target for target in plan.targets}
    for target in list(plan.targets):
        html = render_html(session, target)
        if html is None:
            plan.targets.remove(target)
            plan.failed.append(target.key)
            continue
        renderer.submit(render_job(session, target, html, layout_only=True),
                        target.key.document)
    fitted = []
    for job, rendered in renderer.results():
        target = targets[job.target_id]
        report_render(session, target, rendered)
        if any(problem.is_error for problem in rendered.problems):
            if target in plan.targets:
                plan.targets.remove(target)
                plan.failed.append(target.key)
        elif rendered.fitted:
            fitted.append(f"{target.id}: fits with {', '.join(rendered.fitted)}")
    return fitted
