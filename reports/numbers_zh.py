"""Chinese number style for union-news prose (GB/T 15835): counts, money, rates, numerals."""

# The rules (DOMAIN.md §4), and the choices made where the rules leave room:
#
# * Below 10,000 a count is written exactly (1573户); from 10,000 with 万/亿/万亿 and at most
#   `decimals` (0, 1 or 2) decimals, trailing zeros dropped (4.1万场, 549.87万户).
# * Approximation is explicit, chosen by the caller through NumberStyle.approx:
#   - MARKED (default): round half-up to the precision; when the shown figure differs from the
#     true one a marker is REQUIRED: 余/多 when shown below the truth (2万余), 近 when above
#     (99,950 → 近10万). A shown figure is never silently wrong.
#   - FLOOR: truncate, then 余/多 if anything was cut (930余万元). Never overstates, which is what
#     a summary wants for money and aid.
#   - PLAIN: round half-up, no marker. The statistical convention the articles use for visit
#     counts (403,387 → 40.3万人次): a decimal 万 figure is read as rounded.
#   - ABOUT: round half-up, prefix 约 when not exact. 约 never meets 余/多: one marker at most.
#   Below 10,000 nothing is rounded unless the caller asks for `small_sig` significant digits
#   (5,960 with small_sig=2 → 近6000; 3,150 FLOOR → 3100多).
# * 余/多 goes before 万/亿 only after a whole mantissa ending in 0 (930余万元, 600多万), because
#   余 attaches to a round number; otherwise after the unit character (2万余, 713万余元, 1.5万余).
#   近/约 always lead (近6000人).
# * Money is Decimal 元: exact below 1万元 (8600元; real cents kept: 8600.50元), from 1万元 the
#   count rules in 万元/亿元. Floats are refused: they cannot hold cents exactly.
# * Growth from a zero base has no percentage: change_percent returns None and the caller states
#   the absolute change (change_count) or nothing.

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import Enum

__all__ = [
    "DEFAULT_STYLE",
    "Approx",
    "NumberStyle",
    "Shown",
    "approximate",
    "change_count",
    "change_money",
    "change_percent",
    "change_points",
    "changes_percent",
    "changes_points",
    "cn_digit",
    "cn_number",
    "count",
    "growth_rate",
    "heading_number",
    "join_cn",
    "money",
    "percent",
]

WAN = Decimal(10_000)
# Largest first, so the first scale not above the value is the one to use.
_SCALES: tuple[tuple[Decimal, str], ...] = (
    (Decimal(10) ** 12, "万亿"),
    (Decimal(10) ** 8, "亿"),
    (WAN, "万"),
)
_CENT = Decimal("0.01")
MORE_WORDS = ("余", "多")
NEAR_WORD = "近"
ABOUT_WORD = "约"


class Approx(Enum):
    """How a figure that cannot be shown exactly is shown (see the notes at the top)."""

    MARKED = "marked"
    FLOOR = "floor"
    PLAIN = "plain"
    ABOUT = "about"


@dataclass(frozen=True)
class NumberStyle:
    """Precision and approximation for one figure: decimals of the 万/亿 mantissa, rounding style,
    optional significant digits below 10,000, and which "more" word (余 or 多) to use."""

    approx: Approx = Approx.MARKED
    decimals: int = 2
    small_sig: int | None = None
    more: str = "余"

    def __post_init__(self) -> None:
        if self.decimals not in (0, 1, 2):
            raise ValueError(f"decimals must be 0, 1 or 2 (GB/T 15835 prose), got {self.decimals}")
        if self.small_sig is not None and self.small_sig < 1:
            raise ValueError(f"small_sig must be at least 1, got {self.small_sig}")
        if self.more not in MORE_WORDS:
            raise ValueError(f"more must be one of {MORE_WORDS}, got {self.more!r}")


DEFAULT_STYLE = NumberStyle()


@dataclass(frozen=True)
class Shown:
    """A figure as it will be written: the value the text asserts plus how to spell it."""

    value: Decimal  # what the text states, e.g. 20000 for "2万余"
    true_value: Decimal
    digits: str  # mantissa as written: "2", "549.87", "6000"
    scale: str  # "", "万", "亿" or "万亿"
    marker: str  # "", "余", "多", "近" or "约"

    @property
    def exact(self) -> bool:
        return self.value == self.true_value

    @property
    def marker_before_scale(self) -> bool:
        # 余/多 follow a round number: "930余万" but "713万余" and "1.5万余".
        return (
            self.marker in MORE_WORDS
            and bool(self.scale)
            and "." not in self.digits
            and len(self.digits) >= 2
            and self.digits.endswith("0")
        )

    def text(self, unit: str = "") -> str:
        if self.marker in (NEAR_WORD, ABOUT_WORD):
            return f"{self.marker}{self.digits}{self.scale}{unit}"
        if self.marker_before_scale:
            return f"{self.digits}{self.marker}{self.scale}{unit}"
        return f"{self.digits}{self.scale}{self.marker}{unit}"


def _to_decimal(value: object, *, allow_float: bool = False) -> Decimal:
    # bool is an int subclass; a True count is always a bug upstream.
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        return Decimal(value.strip())
    if isinstance(value, float):
        if not allow_float:
            raise TypeError("use Decimal or int here: a float cannot hold the exact figure")
        return Decimal(repr(value))
    raise TypeError(f"not a number: {value!r}")


def _plain(value: Decimal) -> str:
    """Fixed-point digits with trailing zeros and a bare point removed ("4.10" → "4.1")."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _quantum(exponent: int) -> Decimal:
    return Decimal(1).scaleb(exponent)


def _rounding(approx: Approx) -> str:
    return ROUND_DOWN if approx is Approx.FLOOR else ROUND_HALF_UP


def _express(shown: Decimal) -> tuple[str, str]:
    """Spell an already-rounded value with the largest scale it reaches."""
    for scale_value, scale_name in _SCALES:
        if shown >= scale_value:
            return _plain(shown / scale_value), scale_name
    return _plain(shown), ""


def _marker(shown: Decimal, true_value: Decimal, style: NumberStyle) -> str:
    if shown == true_value or style.approx is Approx.PLAIN:
        return ""
    if style.approx is Approx.ABOUT:
        return ABOUT_WORD
    return style.more if shown < true_value else NEAR_WORD


def approximate(value: Decimal | int, style: NumberStyle = DEFAULT_STYLE) -> Shown:
    """Round a non-negative figure for prose per ``style`` and say which marker word it needs."""
    true_value = _to_decimal(value)
    if true_value < 0:
        raise ValueError("prose states sizes, not signed figures; use the change_* helpers")
    rounding = _rounding(style.approx)
    if true_value < WAN:
        if style.small_sig is None or true_value == 0:
            return Shown(true_value, true_value, _plain(true_value), "", "")
        # Never round below whole units: "5661人" stays exact however many digits are asked.
        exponent = max(true_value.adjusted() - style.small_sig + 1, 0)
        shown = true_value.quantize(_quantum(exponent), rounding=rounding)
    else:
        scale_value = next(s for s, _ in _SCALES if true_value >= s)
        mantissa = (true_value / scale_value).quantize(_quantum(-style.decimals), rounding=rounding)
        # 99,999,999 rounds to 10000.00万; _express then writes it as 1亿.
        shown = mantissa * scale_value
    digits, scale = _express(shown)
    return Shown(shown, true_value, digits, scale, _marker(shown, true_value, style))


def count(value: int | Decimal, unit: str = "", style: NumberStyle = DEFAULT_STYLE) -> str:
    """A count in prose: ``count(5661, "人")`` → ``5661人``; ``count(20480, "场",
    NumberStyle(decimals=0, more="多"))`` → ``2万多场``."""
    number = _to_decimal(value)
    if number != number.to_integral_value():
        raise ValueError(f"a count is a whole number, got {value!r}")
    return approximate(number, style).text(unit)


def money(amount: Decimal | int | str, style: NumberStyle = DEFAULT_STYLE, unit: str = "元") -> str:
    """Money (元) in prose: ``8600元``, ``8600.50元``, ``406.8万元``, ``930余万元``, ``1.2亿元``."""
    value = _to_decimal(amount).quantize(_CENT, rounding=ROUND_HALF_UP)
    if value < 0:
        raise ValueError("prose states sums, not signed amounts; use change_money")
    if value < WAN and style.small_sig is None:
        # Exact below 1万元; cents are shown only when there are any (8600.50, not 8600.5).
        text = _plain(value) if value == value.to_integral_value() else format(value, "f")
        return f"{text}{unit}"
    return approximate(value, style).text(unit)


def percent(value: Decimal | int | float, decimals: int = 1) -> str:
    """A rate: ``percent(12.94)`` → ``12.9%``; trailing zeros dropped (``100%``)."""
    number = _to_decimal(value, allow_float=True)
    rounded = number.quantize(_quantum(-decimals), rounding=ROUND_HALF_UP)
    return f"{_plain(abs(rounded)) if rounded == 0 else _plain(rounded)}%"


def growth_rate(current: Decimal | int, previous: Decimal | int) -> Decimal | None:
    """Growth in percent, or None from a zero base (undefined, never a division by zero)."""
    now, before = _to_decimal(current), _to_decimal(previous)
    if before < 0 or now < 0:
        raise ValueError("growth is defined here for non-negative figures only")
    if before == 0:
        return None
    return (now - before) / before * 100


def _basis_words(basis: str | None) -> tuple[str, str]:
    """("比上年", "与上年持平") or, with no basis, ("", "持平")."""
    if basis is None:
        return "", "持平"
    return f"比{basis}", f"与{basis}持平"


def change_percent(
    current: Decimal | int,
    previous: Decimal | int | None,
    *,
    decimals: int = 1,
    basis: str | None = "上年",
) -> str | None:
    """``比上年增长12.9%`` / ``比上年下降3.4%`` / ``与上年持平``; ``与上年基本持平`` when the change
    rounds to 0; ``是上年的12.5倍`` from ten times up; a fall to a non-zero figure never reads
    ``下降100%``; None when there is no previous figure or it was zero."""
    if previous is None:
        return None
    rate = growth_rate(current, previous)
    if rate is None:
        return None
    than, flat = _basis_words(basis)
    if rate == 0:
        return flat
    if rate >= 900:
        # Ten times or more: "增长N倍" is read two ways in Chinese, "是上年的N倍" only one.
        times = _to_decimal(current) / _to_decimal(previous)
        shown_times = times.quantize(_quantum(-decimals), rounding=ROUND_HALF_UP)
        return f"是{basis or '原来'}的{_plain(shown_times)}倍"
    shown = _rate_shown(rate, current, decimals)
    if shown == 0:
        return f"{flat[:-2]}基本持平"
    return f"{than}{'增长' if rate > 0 else '下降'}{_plain(abs(shown))}%"


def _rate_shown(rate: Decimal, current: Decimal | int, decimals: int) -> Decimal:
    """The rate rounded for print, signed; a fall to a non-zero figure stays above -100%."""
    step = _quantum(-decimals)
    shown = rate.quantize(step, rounding=ROUND_HALF_UP)
    if shown <= -100 and _to_decimal(current) != 0:
        # "下降100%" would say the figure vanished; it did not.
        shown = -100 + step
    return shown


def _change_amount(diff: Decimal, unit: str, basis: str | None, render: str) -> str:
    than, flat = _basis_words(basis)
    if diff == 0:
        return flat
    size = money(abs(diff), unit=unit) if render == "money" else count(abs(diff), unit)
    return f"{than}{'增加' if diff > 0 else '减少'}{size}"


def change_count(
    current: int, previous: int | None, unit: str = "", *, basis: str | None = "上年"
) -> str | None:
    """Absolute change of a count: ``比上年增加12家`` / ``比上年减少3家`` / ``与上年持平``."""
    if previous is None:
        return None
    diff = _to_decimal(current) - _to_decimal(previous)
    return _change_amount(diff, unit, basis, "count")


def change_money(
    current: Decimal | int,
    previous: Decimal | int | None,
    *,
    unit: str = "元",
    basis: str | None = "上年",
) -> str | None:
    """Absolute change of a sum: ``比上年增加32.5万元``."""
    if previous is None:
        return None
    diff = _to_decimal(current) - _to_decimal(previous)
    return _change_amount(diff.quantize(_CENT, rounding=ROUND_HALF_UP), unit, basis, "money")


def _points(
    current: Decimal | int | float, previous: Decimal | int | float, decimals: int
) -> Decimal:
    diff = _to_decimal(current, allow_float=True) - _to_decimal(previous, allow_float=True)
    return diff.quantize(_quantum(-decimals), rounding=ROUND_HALF_UP)


def change_points(
    current: Decimal | int | float,
    previous: Decimal | int | float,
    *,
    decimals: int = 1,
    basis: str | None = "上年",
) -> str:
    """Change of a rate in percentage points: ``比上年提高1.5个百分点``; ``basis=None`` gives
    ``提高1.5个百分点``."""
    diff = _points(current, previous, decimals)
    than, flat = _basis_words(basis)
    if diff == 0:
        return flat
    return f"{than}{'提高' if diff > 0 else '下降'}{_plain(abs(diff))}个百分点"


def join_cn(items: Sequence[str]) -> str:
    """List in Chinese: ``A``, ``A和B``, ``A、B和C``."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{'、'.join(items[:-1])}和{items[-1]}"


def _respectively(
    diffs: Sequence[Decimal], up: str, down: str, number: str, suffix: str, basis: str | None
) -> str:
    """Shared shape of 分别…: same direction → one verb; mixed → one phrase per figure."""
    than, flat = _basis_words(basis)
    if all(d == 0 for d in diffs):
        return f"均{flat}"
    if all(d > 0 for d in diffs) or all(d < 0 for d in diffs):
        verb = up if diffs[0] > 0 else down
        numbers = [number.format(_plain(abs(d))) for d in diffs]
        return f"分别{than}{verb}{join_cn(numbers)}{suffix}"
    phrases: list[str] = []
    for index, d in enumerate(diffs):
        if d == 0:
            phrases.append(flat)
            continue
        change = f"{up if d > 0 else down}{number.format(_plain(abs(d)))}{suffix}"
        # "比上年" once per run of changes; after a "与上年持平" it must be said again.
        needs_basis = index == 0 or diffs[index - 1] == 0
        phrases.append(f"{than}{change}" if needs_basis else change)
    return f"分别{'、'.join(phrases)}"


def changes_points(
    pairs: Sequence[tuple[Decimal | int | float, Decimal | int | float]],
    *,
    decimals: int = 1,
    basis: str | None = "上年",
) -> str:
    """Several rates against their previous values: ``分别比上年提高1.5和3.8个百分点``."""
    if len(pairs) < 2:
        raise ValueError("分别 needs at least two figures")
    diffs = [_points(now, before, decimals) for now, before in pairs]
    return _respectively(diffs, "提高", "下降", "{}", "个百分点", basis)


def changes_percent(
    pairs: Sequence[tuple[Decimal | int, Decimal | int]],
    *,
    decimals: int = 1,
    basis: str | None = "上年",
) -> str | None:
    """Several growth rates: ``分别比上年增长10.8%和12.9%``; None if any base is zero."""
    if len(pairs) < 2:
        raise ValueError("分别 needs at least two figures")
    rates = [growth_rate(now, before) for now, before in pairs]
    if any(r is None for r in rates):
        return None
    diffs = [
        _rate_shown(r, now, decimals)
        for r, (now, _) in zip(rates, pairs, strict=True)
        if r is not None
    ]
    return _respectively(diffs, "增长", "下降", "{}%", "", basis)


_CN_DIGITS = "零一二三四五六七八九"
_CN_PLACES = ("千", "百", "十", "")


def _cn_section(value: int) -> str:
    """1..9999 in Chinese numerals, inner zeros read once (一千零一十)."""
    out: list[str] = []
    pending_zero = False
    for digit, place in zip(f"{value:04d}", _CN_PLACES, strict=True):
        if digit == "0":
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_CN_DIGITS[int(digit)] + place)
    return "".join(out)


def cn_number(value: int) -> str:
    """Chinese numeral for 0 ≤ value < 10⁸: 0 → 零, 10 → 十, 12 → 十二, 110 → 一百一十,
    10010 → 一万零一十."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"cn_number takes an int, got {value!r}")
    if not 0 <= value < 10**8:
        raise ValueError(f"cn_number supports 0..99999999, got {value}")
    if value == 0:
        return "零"
    high, low = divmod(value, 10_000)
    text = f"{_cn_section(high)}万" if high else ""
    if low:
        if high and low < 1000:
            text += "零"
        text += _cn_section(low)
    # 10..19 and 10万..19万 are read 十…, not 一十…, at the start of a number.
    return text[1:] if text.startswith("一十") else text


def cn_digit(value: int) -> str:
    """Chinese numeral for a small count before a measure word: 2 → 两 (两年来), 3 → 三 (三批),
    12 → 十二 (十二项). Only a lone 2 becomes 两; 12, 20 and 22 keep 二."""
    return "两" if value == 2 else cn_number(value)


def heading_number(position: int, level: int = 1) -> str:
    """GB/T 9704 heading numbers: level 1 ``一、``, 2 ``（一）``, 3 ``1.``, 4 ``（1）``."""
    if position < 1:
        raise ValueError(f"heading positions start at 1, got {position}")
    if level == 1:
        return f"{cn_number(position)}、"
    if level == 2:
        return f"（{cn_number(position)}）"
    if level == 3:
        return f"{position}."
    if level == 4:
        return f"（{position}）"
    raise ValueError(f"heading level must be 1..4, got {level}")
