"""An example seedlint plugin: one rule, registered through the ``seedlint.rules`` entry point."""

from __future__ import annotations

from seedlint import RuleContext, Severity, rule


@rule("EX101", "shouting-title", Severity.WARNING, "the title is written in capitals")
def shouting_title(ctx: RuleContext) -> None:
    """## What it does
    Flags a title written entirely in capital letters.

    ## Why is this bad?
    Capitals read as shouting and look out of place next to the other records.

    ## Example
    ```yaml
    ---
    title: AZURE IS GREAT
    ---
    ```

    ## Use instead
    ```yaml
    ---
    title: Azure is great
    ---
    ```

    ## Fix
    Rewrite the title in sentence case.
    """
    title = ctx.data.get("title")
    if isinstance(title, str) and title.isupper():
        ctx.report(
            shouting_title,
            "/title",
            f"the title {title!r} is all capitals; write it in sentence case",
        )
