"""Household income rules: the per-capita monthly figure and the hardship class it suggests."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from models import validation as v

CENT = Decimal("0.01")


def per_capita_monthly(
    annual_income: Decimal | None, rigid_expense: Decimal | None, family_size: int
) -> Decimal:
    """(家庭年可支配收入 − 年刚性支出) ÷ 12 ÷ 家庭人口, in 元 to the 分."""
    size = max(family_size or 1, 1)
    figure = (Decimal(annual_income or 0) - Decimal(rigid_expense or 0)) / 12 / size
    return figure.quantize(CENT, rounding=ROUND_HALF_UP)


def suggest_class(per_capita: Decimal, dibao: Decimal | None) -> tuple[str | None, str]:
    """Suggest 深度困难 / 相对困难 from the 低保标准; the clerk confirms, nothing is overridden."""
    if dibao is None:
        return None, "尚未设置该年度低保标准，无法给出建议类别。请在“设置”中填写。"
    figure = v.format_yuan(per_capita)
    standard = v.format_yuan(dibao)
    if per_capita < dibao:
        return "深度困难", f"月人均收入{figure}元，低于低保标准{standard}元，建议“深度困难”。"
    if per_capita < 2 * dibao:
        return "相对困难", (
            f"月人均收入{figure}元，低于低保标准的2倍（{v.format_yuan(2 * dibao)}元），建议“相对困难”。"
        )
    return None, (
        f"月人均收入{figure}元，不低于低保标准的2倍（{v.format_yuan(2 * dibao)}元），"
        "按收入不属于深度或相对困难；如遭遇意外致困，请选“意外致困”。"
    )
