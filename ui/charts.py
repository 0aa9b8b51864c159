"""The board's charts (QtCharts) from the statistics service: outstanding by stage, cases opened and closed
per month, and the days cases spend in each stage. Numbers are shown the Swedish way."""
from __future__ import annotations

import math
from datetime import date

from babel.dates import format_date
from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QPainter

from app.domain.stage import Stage
from app.services.statistics import Statistics
from ui import presentation

SWEDISH = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)
BLUE, ORANGE, GREEN = QColor("#1565c0"), QColor("#ef6c00"), QColor("#2e7d32")
LONG_RUNNING = (Stage.EFTERBEVAKNING,)  # open-ended surveillance: shown beside the chart, not in it


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setLocale(SWEDISH)
    chart.setLocalizeNumbers(True)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    return chart


def _value_axis(maximum: float, title: str) -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelFormat("%.0f")
    top, intervals = nice_range(maximum)
    axis.setRange(0, top)
    axis.setTickCount(intervals + 1)
    axis.setTitleText(title)
    return axis


def nice_range(value: float) -> tuple[int, int]:
    """A round top for an axis and its number of intervals: steps of 1, 2 or 5 times a power of ten, at most five."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            intervals = max(1, math.ceil(value / step))
            if intervals <= 5:
                return step * intervals, intervals
        magnitude *= 10


def outstanding_chart(stats: Statistics) -> QChart:
    """Kronor owed per open stage (capital, interest and fees), Ny at the top."""
    chart = _chart("Utestående belopp per steg (antal ärenden inom parentes)")
    amounts = QBarSet("Utestående")
    amounts.setColor(BLUE)
    amounts.setLabelColor(QColor("#212121"))
    rows = list(reversed(stats.outstanding))  # a horizontal chart draws its first category at the bottom
    for row in rows:
        amounts.append(round(row.total_ore / 100))
    series = QHorizontalBarSeries()
    series.append(amounts)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart.addSeries(series)
    stages = QBarCategoryAxis()
    stages.append([f"{r.stage.label} ({r.cases})" for r in rows])
    values = _value_axis(max((r.total_ore / 100 for r in rows), default=0) * 1.15, "kronor")
    chart.addAxis(stages, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(stages)
    series.attachAxis(values)
    chart.legend().hide()
    return chart


def month_label(month: date, with_year: bool) -> str:
    text = format_date(month, "LLL", locale=presentation.LOCALE).rstrip(".")
    return f"{text} {month.year}" if with_year else text


def months_chart(stats: Statistics) -> QChart:
    span = f" ({month_label(stats.months[0].month, True)} – {month_label(stats.months[-1].month, True)})" if stats.months else ""
    chart = _chart(f"Öppnade och avslutade ärenden per månad{span}")
    opened, closed = QBarSet("Öppnade"), QBarSet("Avslutade")
    opened.setColor(ORANGE)
    closed.setColor(GREEN)
    for row in stats.months:
        opened.append(row.opened)
        closed.append(row.closed)
    series = QBarSeries()
    series.append(opened)
    series.append(closed)
    chart.addSeries(series)
    months = QBarCategoryAxis()
    months.append([month_label(r.month, False) for r in stats.months])
    top = max((max(r.opened, r.closed) for r in stats.months), default=0)
    values = _value_axis(top, "ärenden")
    chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(months)
    series.attachAxis(values)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def durations_chart(stats: Statistics) -> QChart:
    """Average days per stage (finished and ongoing stays), without open-ended surveillance."""
    chart = _chart("Tid i varje steg (genomsnitt, dagar)")
    rows = [d for d in reversed(stats.durations) if d.stage not in LONG_RUNNING]
    days = QBarSet("Dagar")
    days.setColor(BLUE)
    days.setLabelColor(QColor("#212121"))
    for row in rows:
        days.append(round(row.average_days or 0))
    series = QHorizontalBarSeries()
    series.append(days)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart.addSeries(series)
    stages = QBarCategoryAxis()
    stages.append([r.stage.label for r in rows])
    values = _value_axis(max((r.average_days or 0 for r in rows), default=0) * 1.15, "dagar")
    chart.addAxis(stages, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(stages)
    series.attachAxis(values)
    chart.legend().hide()
    return chart


def chart_view(chart: QChart, accessible: str) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(accessible)
    view.setMinimumSize(420, 280)
    return view
