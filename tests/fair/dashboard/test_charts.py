"""Server-rendered SVG charts: named, described with every value, values as text, patterns."""

import xml.etree.ElementTree as ET

from fair.dashboard.charts import Series, bar_chart, chart_html, line_chart

NS = {"s": "http://www.w3.org/2000/svg"}


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))


def _texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_bar_chart_is_a_named_image_with_every_value_in_its_description():
    svg = bar_chart(
        title="Pladser og søgende",
        categories=["Elektriker", "Tømrer"],
        series=[Series("Pladser", [12, 3]), Series("Søgende", [None, 7])],
    )
    root = _parse(svg)
    assert root.get("role") == "img"
    title, desc = root.find("s:title", NS), root.find("s:desc", NS)
    assert title.text == "Pladser og søgende"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert desc.text == "Elektriker: Pladser 12, Søgende < 5. Tømrer: Pladser 3, Søgende 7."


def test_bar_chart_writes_values_as_text_and_draws_no_bar_for_a_suppressed_value():
    root = _parse(
        bar_chart(
            title="T",
            categories=["Elektriker"],
            series=[Series("Pladser", [1200]), Series("Søgende", [None])],
            suppressed="under 5",
        )
    )
    assert _texts(root) == ["Pladser", "Søgende", "Elektriker", "1.200", "under 5"]
    bars = [
        r
        for r in root.iter("{http://www.w3.org/2000/svg}rect")
        if r.get("y")
        and r.get("fill", "").startswith("url(")
        and r.get("x") == "0"
        and r.get("height") == "16"
    ]
    assert len(bars) == 1  # the suppressed value has no bar


def test_bar_chart_series_differ_by_pattern_not_only_colour():
    root = _parse(
        bar_chart(title="T", categories=["A"], series=[Series("x", [1]), Series("y", [2])])
    )
    patterns = root.findall("s:defs/s:pattern", NS)
    assert len(patterns) == 2
    # The first is solid, the second hatched with lines: different shapes, not just hues.
    assert [len(p) for p in patterns] == [1, 2]
    assert patterns[1][1].tag.endswith("path")


def test_chart_escapes_names_from_the_database():
    svg = str(bar_chart(title="<b>", categories=["<script>x</script>"], series=[Series("&", [1])]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    _parse(svg)  # still well-formed XML


def test_line_chart_has_a_point_and_a_value_per_year_and_distinct_markers():
    root = _parse(
        line_chart(
            title="Søgende pr. år",
            categories=["2024", "2025", "2026"],
            series=[Series("Søgende", [10, 20, 15]), Series("Pladser", [4, None, 30])],
        )
    )
    assert root.get("role") == "img"
    assert root.find("s:desc", NS).text == (
        "2024: Søgende 10, Pladser 4. 2025: Søgende 20, Pladser < 5. 2026: Søgende 15, Pladser 30."
    )
    texts = _texts(root)
    assert texts[:2] == ["Søgende", "Pladser"]
    assert texts[2:5] == ["2024", "2025", "2026"]
    assert texts[5:] == ["10", "20", "15", "4", "< 5", "30"]
    circles = root.findall("s:circle", NS)
    assert len(circles) == 1 + 3  # legend + three points of the first series
    assert len(root.findall("s:polyline", NS)) == 2


def test_chart_html_adds_a_visible_caption():
    html = str(chart_html(bar_chart(title="T", categories=[], series=[]), "Kilde: tilmeldinger"))
    assert html.startswith('<figure class="chart-figure"><svg')
    assert html.endswith("<figcaption>Kilde: tilmeldinger</figcaption></figure>")
