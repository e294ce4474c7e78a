"""Provides legible colour pairs: WCAG contrast, and a text colour moved until it reaches it.

Every character the article view draws (a mention of any kind, a note in any colour, the
selection, the cursor) is given at least MINIMUM contrast against its background, whatever the
theme: the stylesheet picks colours that suit the theme, and this only corrects the ones that
would be hard to read.
"""

from __future__ import annotations

from rich.color import Color
from rich.style import Style

RGB = tuple[int, int, int]

WCAG_AA = 4.5
"""WCAG 2 level AA for body text."""
MINIMUM = 4.8
"""What we aim for: AA with room for a terminal that rounds colours to its 256-colour palette."""


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        value_ = value / 255
        return value_ / 12.92 if value_ <= 0.03928 else ((value_ + 0.055) / 1.055) ** 2.4

    red, green, blue = rgb
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: RGB, second: RGB) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _blend(colour: RGB, target: RGB, amount: float) -> RGB:
    return tuple(round(c + (t - c) * amount) for c, t in zip(colour, target, strict=True))  # type: ignore[return-value]


def legible(text: RGB, background: RGB, minimum: float = MINIMUM) -> tuple[RGB, RGB]:
    """(text, background), the text moved toward white or black until `minimum` is reached.

    On a mid-tone background neither white nor black may reach it (both give about 4.6:1);
    the background is then moved the other way, a little at a time, until they do.
    """
    if contrast(text, background) >= minimum:
        return text, background
    white, black = (255, 255, 255), (0, 0, 0)
    target = white if contrast(white, background) >= contrast(black, background) else black
    other = black if target == white else white
    for ground_step in range(0, 11):
        ground = _blend(background, other, ground_step / 20)
        for step in range(1, 21):
            moved = _blend(text, target, step / 20)
            if contrast(moved, ground) >= minimum:
                return moved, ground
    return target, other


def readable_style(style: Style, base: Style) -> Style:
    """`style` with its text colour moved, if need be, to be legible on its background."""
    fg, bg = style.color or base.color, style.bgcolor or base.bgcolor
    if fg is None or bg is None:
        return style
    shown_fg, shown_bg = (bg, fg) if style.reverse else (fg, bg)
    text, ground = tuple(shown_fg.get_truecolor()), tuple(shown_bg.get_truecolor())
    fixed_text, fixed_ground = legible(text, ground)
    if (fixed_text, fixed_ground) == (text, ground):
        return style
    new_fg, new_bg = Color.from_rgb(*fixed_text), Color.from_rgb(*fixed_ground)
    if style.reverse:
        new_fg, new_bg = new_bg, new_fg
    return style + Style(color=new_fg, bgcolor=new_bg)


def layered_style(widget, layers: tuple[str, ...]) -> Style:
    """The rich style of `widget`'s component classes `layers` laid in order over its own style,
    made legible: what ArticleView and ChangesView draw each run of text with (they cache it).

    A translucent highlight (a note's colour) is laid over what is under it, so it takes the
    theme's ground instead of showing at full strength.
    """
    from textual.color import Color as TextualColor

    style = widget.rich_style
    for layer in layers:
        under = style.bgcolor
        style += widget.get_component_rich_style(layer, partial=True)
        background = widget.get_component_styles(layer).background
        if 0 < background.a < 1 and under is not None:
            laid = TextualColor.from_rich_color(under) + background
            style += Style(bgcolor=laid.rich_color)
    return readable_style(style, widget.rich_style)
