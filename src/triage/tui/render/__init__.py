"""Pure rendering for the TUI: session state in, `rich.text.Text` out, no Textual imports.

Widgets stay thin: they ask these functions for their content at their current size. Every piece
of authored text goes through `plain()`, so incident files can never inject Rich markup or
terminal escape sequences.
"""
