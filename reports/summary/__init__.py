"""The year-end summary (年度工作总结): figures → themed draft → stored edits → article/official PDF.

    prepared = prepare(ledger, 2025)                 # figures, draft, stored paragraphs
    render(prepared, "总结.pdf", style="official")   # lay out (fonts embedded as subsets)
    build_summary(ledger, 2025, "总结.pdf", xlsx="年度统计表.xlsx")

Modules: privacy (household names out of print), themes (figures → themes), stories (典型
stories from 内容摘要), draft (the generated text), document (assembly of edited
and generated paragraphs), styles/pages/layouts (the two layouts), appendix/charts (tables,
charts, 数据来源), xlsx (年度统计表), build (the steps above).
"""

from reports.summary.build import BuildResult, Prepared, build_summary, prepare, render

__all__ = ["BuildResult", "Prepared", "build_summary", "prepare", "render"]
