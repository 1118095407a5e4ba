"""Every page we serve, as each role meets it, at desktop and phone widths: no serious or critical WCAG 2.1 AA
violation found by axe-core (npm, injected into the page), no English word on a Vietnamese page, and a
screenshot of each under var/screenshots/ (kept by CI as artefacts)."""

from pathlib import Path

import pytest

from tests.browser.shell_pages import demo_world, english_words, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "themes" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "var" / "screenshots"
WIDTHS = {"desktop": (1280, 900), "phone": (375, 740)}
AXE_RUN = """async () => {
  const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


# The elements that stick out of the screen (a table scrolling inside the page is fine).
WIDER = """() => {
  if (document.documentElement.scrollWidth <= window.innerWidth + 1) { return ""; }
  const out = [...document.querySelectorAll("body *")].filter(e => {
    const box = e.getBoundingClientRect();
    return box.right > window.innerWidth + 1 && !e.parentElement.closest("table, .vn-scroll");
  });
  const named = e => {
    const right = Math.round(e.getBoundingClientRect().right);
    return `${e.tagName.toLowerCase()}.${e.className} ${right}`;
  };
  return out.slice(0, 4).map(named).join(", ") || "?";
}"""


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail(f"axe-core is missing: run `npm ci --prefix themes` ({AXE} not found)")
    return AXE.read_text(encoding="utf-8")


def test_every_page_passes_axe_speaks_vietnamese_and_is_captured(live_server, page, axe_source):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems, visited = [], 0
    for role, (user, pages) in demo_world().items():
        sign_in(page, live_server, user)
        for name, path, status in pages:
            for width_name, (width, height) in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": height})
                response = page.goto(live_server.url + path, wait_until="networkidle")
                where = f"{role} {name} {path} ({width_name})"
                if response.status != status:
                    problems.append(f"{where}: HTTP {response.status}, expected {status}")
                    continue
                visited += 1
                page.screenshot(path=SCREENSHOTS / f"{role}-{name}-{width_name}.png", full_page=True)
                page.add_script_tag(content=axe_source)
                for violation in page.evaluate(AXE_RUN):
                    impact, rule, nodes = violation["impact"], violation["id"], violation["nodes"]
                    problems.append(f"{where}: axe {impact} {rule} {nodes}")
                # No sideways scrolling on a phone: everything fits 375 px (wide tables scroll inside).
                overflow = page.evaluate(WIDER)
                if overflow:
                    problems.append(f"{where}: wider than the screen: {overflow}")
                if width_name == "desktop":
                    english = english_words(page.locator("body").inner_text())
                    if english:
                        problems.append(f"{where}: English words {english}")
    assert visited >= 40
    assert not problems, "\n".join(problems)
